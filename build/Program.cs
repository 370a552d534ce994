using Build;
using Build.Bootstrap;

// build.sh hands the native compile's supervision to the host it just built (a background job of its own).
if (BootstrapCommand.Handles(args))
{
    return BootstrapCommand.Run(args, Console.Error);
}

// build.sh's warm path runs the native host without listing its sources: the host checks them beside its own start and,
// when they changed, goes back to build.sh before it writes or runs anything (it does not return then).
return BuildHost.Run(args, WarmStart.Begin(args, Console.Error));
