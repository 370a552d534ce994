using Build;
using Build.Context;
using Build.DryRun;
using Build.Reporting;
using Cake.Frosting;

var dryRun = DryRunSwitch.Take(args);
return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<BuildTaskLifetime>()
    .UseHelp(() => OptionHelp.Lines(OptionNames.All))
    .UseVersion(() => BuildSuiteVersion.Describe(AppContext.BaseDirectory))
    .ConfigureServices(services => DryRunServices.Register(services, dryRun))
    .Run(dryRun.HostArguments);
