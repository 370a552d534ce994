using Build;
using Build.DryRun;

var dryRun = DryRunSwitch.Take(args);
return BuildHost.Create(dryRun).Run(dryRun.HostArguments);
