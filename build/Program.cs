using Build;
using Build.DryRun;
using Build.Reporting;
using Cake.Frosting;

var dryRun = DryRunSwitch.Take(args);
return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<BuildTaskLifetime>()
    .ConfigureServices(services => DryRunServices.Register(services, dryRun))
    .Run(dryRun.HostArguments);
