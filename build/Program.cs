using Build;
using Build.Context;
using Build.Reporting;
using Cake.Frosting;

return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<BuildTaskLifetime>()
    .UseHelp(() => OptionHelp.Lines(OptionNames.All))
    .UseVersion(() => BuildSuiteVersion.Describe(AppContext.BaseDirectory))
    .Run(args);
