using Build.Context;
using Build.DryRun;
using Build.Reporting;
using Build.TaskFacts;
using Build.Tools;
using Cake.Core;
using Cake.Frosting;
using Microsoft.Extensions.DependencyInjection;

namespace Build;

/// <summary>
/// The build host as <c>Program</c> runs it: the tasks of this assembly, the typed context, the lifetimes, the
/// build's services (<see cref="BuildServices"/>, then the dry run's, <see cref="DryRunServices"/>), its help and
/// version. The tests run the same host in their own process (tests/Build.Tests/Support/InProcessBuild.cs), with their
/// services registered after these.
/// </summary>
public static class BuildHost
{
    /// <summary>
    /// Runs the build with the command line as given: the dry-run spellings are the build's, the rest the host's.
    /// <paramref name="startCheck"/> is asked before the host writes or runs anything (its number ends the run).
    /// </summary>
    public static int Run(IEnumerable<string> args, Func<int?> startCheck)
    {
        var dryRun = DryRunSwitch.Take(args);
        return Create(dryRun).UseStartCheck(startCheck).Run(dryRun.HostArguments);
    }

    public static CakeHost Create(DryRunSwitch dryRun) =>
        new CakeHost()
            // The task classes and their attributes are the catalog's, listed by the compiler: neither the assembly's
            // types nor the attributes are read by reflection at start (the catalog is read for the options' help anyway).
            .UseTaskClasses(TaskCatalog.TaskClasses)
            // Made by factories, as the tasks are (the catalog's): the container reflects over no constructor of ours.
            .UseContext(provider => new BuildContext(
                provider.GetRequiredService<ICakeContext>(), provider.GetRequiredService<BuildReport>(), provider.GetRequiredService<ISideEffects>()))
            .UseLifetime(_ => new BuildLifetime())
            .UseTaskLifetime(_ => new BuildTaskLifetime())
            .UseHelp(() => OptionHelp.Lines(OptionNames.All), OptionHelp.Program(OperatingSystem.IsWindows()))
            .UseVersion(() => BuildSuiteVersion.Describe(AppContext.BaseDirectory))
            .ConfigureServices(BuildServices.Register)
            .ConfigureServices(services => DryRunServices.Register(services, dryRun));
}
