using Build.Context;
using Build.Reporting;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Build.DryRun;

/// <summary>
/// The dry run, in one place: the implementations it swaps in after <see cref="BuildServices"/> (later registrations
/// win). Commands are printed, side effects are told instead of made, the engine is only asked whether it answers, the
/// report is a plan, and the tasks are numbered as Cake's own dry run numbers them. Nothing else in the build asks
/// whether this is a dry run.
/// </summary>
public static class DryRunServices
{
    public static void Register(IServiceCollection services, DryRunSwitch dryRun)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dryRun);
        if (!dryRun.IsDryRun)
        {
            return;
        }

        services.AddSingleton<ICommandRunner>(provider => new PrintingCommandRunner(provider.GetRequiredService<CommandRunner>()));
        services.AddSingleton<ISideEffects>(_ => new PlannedSideEffects());
        services.AddSingleton<IEngineSession>(provider => new UnprobedEngineSession(provider.GetRequiredService<BuildOptions>(),
            provider.GetRequiredService<EngineResolver>(), provider.GetRequiredService<ICakeEnvironment>().GetEnvironmentVariable));
        services.AddSingleton(new BuildReport(dryRun: true));
        services.AddSingleton<IExecutionStrategy>(provider =>
            new DryRunExecutionStrategy(provider.GetRequiredService<ICakeLog>(), provider.GetRequiredService<BuildContext>()));
        services.AddSingleton<ICakeReportPrinter>(provider =>
            new DryRunReportPrinter(new CakeSpectreReportPrinter(provider.GetRequiredService<IAnsiConsole>()), provider.GetRequiredService<ICakeLog>()));
    }
}
