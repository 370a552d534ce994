using Build;
using Build.Bootstrap;

// build.sh hands the native compile's supervision to the host it just built (a background job of its own).
if (BootstrapCommand.Handles(args))
{
    return BootstrapCommand.Run(args, Console.Error);
}

return BuildHost.Run(args);
