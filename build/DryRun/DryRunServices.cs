using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Build.DryRun;

/// <summary>What the build registers in the host's services for its dry run (later registrations win).</summary>
public static class DryRunServices
{
    public static void Register(IServiceCollection services, DryRunSwitch dryRun)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dryRun);
        services.AddSingleton(dryRun);
        if (!dryRun.IsDryRun)
        {
            return;
        }

        services.AddSingleton<IExecutionStrategy, DryRunExecutionStrategy>();
        services.AddSingleton<ICakeReportPrinter>(provider =>
            new DryRunReportPrinter(new CakeSpectreReportPrinter(provider.GetRequiredService<IAnsiConsole>()), provider.GetRequiredService<ICakeLog>()));
    }
}
