using Build;
using Build.Bootstrap;
using Build.DryRun;

if (BootstrapCommand.Handles(args))
{
    return BootstrapCommand.Run(args, Console.Error);
}

var dryRun = DryRunSwitch.Take(args);
return BuildHost.Create(dryRun).Run(dryRun.HostArguments);
