using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Build.Bootstrap;

/// <summary>
/// build.sh's warm path: it runs the clone's native host at once, without listing the host's sources (a find process
/// cost half of the bootstrap's time), and the host checks them itself, in-process: the listing build.sh kept in
/// .build/host-sources (each file's path, size and modification time) must still be what the files say, and its hash
/// the one the host was compiled from. When they are not, the host hands the command back to build.sh, which takes its
/// full path (hash, compile, link). build.sh names itself in <see cref="Variable"/> only on the warm path, and takes
/// it only to a host marked as having the check (<see cref="MarkerFile"/>).
/// </summary>
public static class WarmStart
{
    /// <summary>"BASH:SCRIPT": the shell and build.sh that ran this host on the warm path, to go back to.</summary>
    public const string Variable = "BUILD_SH_WARM";

    /// <summary>Set for build.sh when the host hands the command back: it takes the full path this time.</summary>
    public const string ChangedVariable = "BUILD_SH_SOURCES_CHANGED";

    /// <summary>
    /// The file in a native host's folder that says the host checks its sources: build.sh takes the warm path only to a
    /// host with it, for a host compiled before the check would run whatever its sources became.
    /// </summary>
    public const string MarkerFile = "checks-its-sources";

    /// <summary>Marks the native host compiled into <paramref name="folder"/> (from these sources: it has the check).</summary>
    public static void Mark(string folder) => File.WriteAllText(Path.Combine(folder, MarkerFile),
        "This native build host checks its own sources when build.sh runs it without listing them (build/Bootstrap/WarmStart.cs).\n");

    /// <summary>
    /// On build.sh's warm path (<see cref="Variable"/> set), begins the check of the sources on a thread of its own, so
    /// that the host's start runs beside it, and hands back what to ask before the host writes or runs anything: when the
    /// sources changed, it replaces this process with build.sh and the same arguments (exec: same pid, terminal and
    /// signals, for build.sh execs its host too) and does not return. Its null: go on with the build. A number: the exit
    /// code when build.sh could not be run again.
    /// </summary>
    public static Func<int?> Begin(IReadOnlyList<string> args, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { } warm)
        {
            return static () => null;
        }

        // Not for the build's own children: a build.sh they run decides its path itself.
        Environment.SetEnvironmentVariable(Variable, null);
        var separator = warm.IndexOf(':', StringComparison.Ordinal);
        var (shell, script) = separator > 0 ? (warm[..separator], warm[(separator + 1)..]) : ("/bin/bash", warm);
        var check = Task.Factory.StartNew(() => SourcesUnchanged(Path.GetDirectoryName(script) ?? "."), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return () => check.GetAwaiter().GetResult() ? null : HandBack(shell, script, args, error);
    }

    private static int HandBack(string shell, string script, IReadOnlyList<string> args, TextWriter error)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(entry => $"{entry.Key}={entry.Value}").Append($"{ChangedVariable}=1");
        var errno = Exec(shell, [shell, script, .. args], [.. environment]);
        error.WriteLine($"build.sh: the build host's sources changed and {script} could not be run again to compile it ({shell}: " +
            $"{Marshal.GetPInvokeErrorMessage(errno)}). Run it as bash {script}, or BUILD_HOST=jit {script}.");
        return ExitCodes.Failed;
    }

    /// <summary>
    /// Whether the host that .build/host names was compiled from the sources as they are: the kept listing matches the
    /// files (same paths, sizes and modification times) and its hash is the one in the host's folder name.
    /// </summary>
    public static bool SourcesUnchanged(string root)
    {
        var state = Path.Combine(root, ".build");
        var kept = Path.Combine(state, "host-sources");
        if (new DirectoryInfo(Path.Combine(state, "host")).LinkTarget is not { } host || !File.Exists(kept))
        {
            return false;
        }

        using var reader = new StreamReader(kept);
        var hash = reader.ReadLine();
        return hash is { Length: > 0 } && Path.GetFileName(host).EndsWith("-" + hash, StringComparison.Ordinal)
            && ListingMatches(root, reader.ReadToEnd());
    }

    /// <summary>
    /// Whether build.sh's listing (lines "PATH SIZE SECONDS.FRACTION INODE" from find's -printf '%p %s %T@ %i') names
    /// exactly the files <see cref="SourceFingerprint.Files"/> finds, each with its size and modification time (to the
    /// 100 ns of a .NET time; the inode is build.sh's own check).
    /// </summary>
    public static bool ListingMatches(string root, string listing)
    {
        var listed = new Dictionary<string, (long Size, long Ticks)>(512, StringComparer.Ordinal);
        foreach (var range in listing.AsSpan().Split('\n'))
        {
            var line = listing.AsSpan(range);
            if (line.IsEmpty)
            {
                continue;
            }

            // The path may hold spaces: the three numbers are the last three fields.
            var inode = line.LastIndexOf(' ');
            var time = inode > 0 ? line[..inode].LastIndexOf(' ') : -1;
            var size = time > 0 ? line[..time].LastIndexOf(' ') : -1;
            if (size <= 0 || !long.TryParse(line[(size + 1)..time], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                || Ticks(line[(time + 1)..inode]) is not { } ticks || !listed.TryAdd(line[..size].ToString(), (bytes, ticks)))
            {
                return false;
            }
        }

        var found = 0;
        foreach (var (path, size, ticks) in SourceFingerprint.Entries(root))
        {
            if (!listed.TryGetValue(path, out var entry) || entry != (size, ticks))
            {
                return false;
            }

            found++;
        }

        return found == listed.Count;
    }

    // find's %T@ ("1796463388.5681044040") as 100 ns ticks since 1970, the precision of a .NET time.
    private static long? Ticks(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (!long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        long ticks = 0;
        for (var digit = 0; digit < 7; digit++)
        {
            var value = digit < fraction.Length ? fraction[digit] - '0' : 0;
            if (value is < 0 or > 9)
            {
                return null;
            }

            ticks = (ticks * 10) + value;
        }

        return (seconds * TimeSpan.TicksPerSecond) + ticks;
    }

    // execve, as a shell's exec, with SIGPIPE back to its default: the .NET runtime ignores it, and an ignored signal stays
    // ignored across exec (build.sh's pipes would then see write errors instead of ending quietly). Returns errno: exec
    // returns only when it failed.
    private static int Exec(string program, string[] arguments, string[] environment)
    {
        var strings = new List<IntPtr>();
        IntPtr[] Block(string[] values)
        {
            var block = new IntPtr[values.Length + 1];
            for (var index = 0; index < values.Length; index++)
            {
                strings.Add(block[index] = Marshal.StringToCoTaskMemUTF8(values[index]));
            }

            return block;
        }

        var path = Marshal.StringToCoTaskMemUTF8(program);
        try
        {
            _ = Signal(SignalPipe, IntPtr.Zero);
            _ = Execve(path, Block(arguments), Block(environment));
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private const int SignalPipe = 13;

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(IntPtr path, IntPtr[] arguments, IntPtr[] environment);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
