using Build.Context;
using Build.DryRun;
using Build.Reporting;
using Cake.Frosting;

namespace Build;

/// <summary>
/// The build host as <c>Program</c> runs it: the tasks of this assembly, the typed context, the lifetimes, the
/// build's help and version, and the build's dry run. The tests run the same host in their own process
/// (tests/Build.Tests/Support/InProcessBuild.cs), with their services registered after these.
/// </summary>
public static class BuildHost
{
    public static CakeHost Create(DryRunSwitch dryRun) =>
        new CakeHost()
            // Named, not found from the entry assembly: in a test process the entry assembly is the test runner.
            .AddAssembly(typeof(BuildHost).Assembly)
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .UseTaskLifetime<BuildTaskLifetime>()
            .UseHelp(() => OptionHelp.Lines(OptionNames.All), OptionHelp.Program(OperatingSystem.IsWindows()))
            .UseVersion(() => BuildSuiteVersion.Describe(AppContext.BaseDirectory))
            .ConfigureServices(services => DryRunServices.Register(services, dryRun));
}
