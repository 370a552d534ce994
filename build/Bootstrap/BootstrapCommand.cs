using System.Runtime.InteropServices;

namespace Build.Bootstrap;

/// <summary>
/// What build.sh asks of the host besides builds: <c>Build --bootstrap-native MODE ROOT SOURCES CACHE</c> compiles the
/// native host of ROOT's sources (hash SOURCES) into the machine cache CACHE. MODE <c>background</c> is the detached
/// compile of a first run (build.sh starts it at idle priority), <c>foreground</c> is <c>BUILD_HOST=native</c>.
/// Exit 0 when the cache holds the host afterwards.
/// </summary>
public static class BootstrapCommand
{
    public const string Option = "--bootstrap-native";

    public static readonly IReadOnlyList<string> Modes = ["background", "foreground"];

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Option;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count != 5 || !Modes.Contains(args[1]) || !Path.IsPathRooted(args[2]) || args[3].Length != 64 || !Path.IsPathRooted(args[4]))
        {
            output.WriteLine($"build.sh: {Option} takes MODE ROOT SOURCES CACHE (MODE {string.Join(" or ", Modes)}, ROOT and CACHE absolute folders, "
                + $"SOURCES a sha256 in hex); got: {string.Join(' ', args.Skip(1))}.");
            return ExitCodes.BadInput;
        }

        var background = args[1] == "background";
        var linker = NativePublish.FindLinker(Environment.GetEnvironmentVariable("PATH"));
        var processors = background ? Math.Max(1, Environment.ProcessorCount - 1) : Environment.ProcessorCount;
        var publish = linker is null ? null : new NativePublish(linker, processors, Environment.GetEnvironmentVariable(NativePublish.StandInVariable));
        var cache = new HostCache(args[4]);
        var launcher = new SessionLauncher(idle: background);
        var supervisor = new NativeCompileSupervisor(cache, publish, launcher, new RunningCommandFiles(cache.Commands), Thread.Sleep, output);
        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true; // the supervisor stops the compile's process group, then ends
            stop.Cancel();
        });
        var outcome = supervisor.Run(args[2], args[3], background, stop.Token);
        return outcome is CompileOutcome.Compiled or CompileOutcome.AlreadyThere ? 0 : ExitCodes.Failed;
    }
}
