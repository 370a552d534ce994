namespace Build.Bootstrap;

/// <summary>
/// Compiles the native host of one clone's sources into the machine's <see cref="HostCache"/>, at most one compile
/// on the machine at a time. In the background it begins only once no ./build.sh command runs, pauses while any
/// runs (idle priority alone was not enough: a dry run beside the compile took 1.42 times as long, the two sharing
/// memory bandwidth and two cores), and stops when the clone it was started for is gone. It compiles a copy of the
/// sources taken when it begins, so build/ may change meanwhile: the result is filed under the copy's hash.
/// </summary>
public sealed class NativeCompileSupervisor(
    HostCache cache,
    NativePublish? publish,
    ICompileLauncher launcher,
    IRunningCommands commands,
    Action<TimeSpan> sleep,
    TextWriter log)
{
    /// <summary>How often the compile looks at the running commands and the clone.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <param name="root">The clone whose sources are compiled.</param>
    /// <param name="sources">Their <see cref="SourceFingerprint"/>, as build.sh computed it.</param>
    /// <param name="background">Yield to commands and give up when another compile runs; else wait for it and run at once.</param>
    /// <param name="stop">Set when the supervisor is told to end (SIGTERM): the compile is stopped with it.</param>
    public CompileOutcome Run(string root, string sources, bool background, CancellationToken stop = default)
    {
        Directory.CreateDirectory(cache.Commands);
        using var held = TakeCompileLock(background);
        if (held is null)
        {
            return CompileOutcome.AnotherCompileRuns;
        }

        try
        {
            File.WriteAllText(cache.CompilePid, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Compile(root, sources, background, stop);
        }
        finally
        {
            File.Delete(cache.CompileGroup);
            File.Delete(cache.CompilePid);
            if (Directory.Exists(cache.Work(sources)))
            {
                Directory.Delete(cache.Work(sources), recursive: true);
            }
        }
    }

    private CompileOutcome Compile(string root, string sources, bool background, CancellationToken stop)
    {
        if (IsRunnable(Path.Combine(cache.Host(sources), "Build")))
        {
            return CompileOutcome.AlreadyThere;
        }

        if (Directory.Exists(cache.Host(sources)))
        {
            // Damaged (truncated, deleted, no longer executable): clones hard-link the cache's files.
            Directory.Delete(cache.Host(sources), recursive: true);
        }

        if (background && File.Exists(cache.Failed(sources)))
        {
            return CompileOutcome.Failed;
        }

        if (publish is null)
        {
            return Fail(sources, "no C linker (clang or gcc) for the native build host (apt-get install gcc or clang)");
        }

        while (background && commands.Any() && !Awaited())
        {
            if (!Directory.Exists(root))
            {
                return Abandon($"{root} is gone before the compile began");
            }

            sleep(Poll);
        }

        var copy = Path.Combine(cache.Work(sources), "src");
        var output = Path.Combine(cache.Work(sources), "out");
        CopySources(root, copy);
        if (SourceFingerprint.Compute(copy) != sources)
        {
            return Abandon($"build/ of {root} changed before the compile began; the next run asks again");
        }

        var started = DateTime.UtcNow;
        var job = launcher.Start(publish.Command(Path.Combine(copy, "build", "Build.csproj"), output), cache.Log(sources));
        if (job.Group > 0)
        {
            File.WriteAllText(cache.CompileGroup, job.Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var paused = false;
        while (!job.HasExited)
        {
            if (background && !Directory.Exists(root) || stop.IsCancellationRequested)
            {
                job.Stop();
                return Abandon(stop.IsCancellationRequested ? "told to stop" : $"{root} is gone: the compile for it was stopped");
            }

            if (commands.Any() && (!background || Awaited()))
            {
                // A ./build.sh that starts while a compile runs stops the compile's process group at once, without
                // knowing whether anybody waits for it; somebody waits for this one (BUILD_HOST=native), so it runs on.
                job.Resume();
                paused = false;
            }
            else if (background && commands.Any() != paused)
            {
                paused = !paused;
                if (paused)
                {
                    job.Pause();
                }
                else
                {
                    job.Resume();
                }
            }

            sleep(Poll);
        }

        if (job.ExitCode != 0 || !IsRunnable(Path.Combine(output, "Build")) || OwnTrimWarnings(copy, sources))
        {
            if (!background && File.Exists(cache.Log(sources)))
            {
                foreach (var line in File.ReadLines(cache.Log(sources)).TakeLast(20))
                {
                    log.WriteLine(line);
                }
            }

            return Fail(sources, $"the native build host did not compile for these sources (log: {cache.Log(sources)}; BUILD_HOST=native shows why)");
        }

        Install(output, sources);
        log.WriteLine($"build.sh: native build host ready ({(DateTime.UtcNow - started).TotalSeconds:0} s): {cache.Host(sources)}");
        return CompileOutcome.Compiled;
    }

    /// <summary>What build.sh runs: an executable ELF file.</summary>
    public static bool IsRunnable(string executable)
    {
        if (!File.Exists(executable) || OperatingSystem.IsWindows() || (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            return false;
        }

        var magic = new byte[4];
        using var file = File.OpenRead(executable);
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic is [0x7f, (byte)'E', (byte)'L', (byte)'F'];
    }

    /// <summary>Trim and AOT warnings about our own code (the analyzers should have stopped them) make the host suspect.</summary>
    private bool OwnTrimWarnings(string copy, string sources) =>
        File.Exists(cache.Log(sources)) && File.ReadLines(cache.Log(sources))
            .Any(line => line.StartsWith(Path.Combine(copy, "build") + "/", StringComparison.Ordinal) && line.Contains("warning IL", StringComparison.Ordinal));

    private void Install(string output, string sources)
    {
        var target = cache.Host(sources);
        if (!Directory.Exists(target))
        {
            WarmStart.Mark(output);
            Directory.Move(output, target); // one rename: a clone sees the whole host or none
        }

        File.Delete(cache.Failed(sources));
        var older = new DirectoryInfo(Path.GetDirectoryName(target)!).EnumerateDirectories()
            .OrderByDescending(folder => folder.LastWriteTimeUtc).Skip(HostCache.Kept);
        foreach (var folder in older)
        {
            folder.Delete(recursive: true);
        }
    }

    private CompileOutcome Fail(string sources, string why)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cache.Failed(sources))!);
        File.WriteAllText(cache.Failed(sources), why + "\n");
        log.WriteLine($"build.sh: {why}.");
        return CompileOutcome.Failed;
    }

    private CompileOutcome Abandon(string why)
    {
        log.WriteLine($"build.sh: native compile abandoned: {why}.");
        return CompileOutcome.Abandoned;
    }

    private FileStream? TakeCompileLock(bool background)
    {
        try
        {
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive flock(2) on Unix: released by the kernel if this process dies.
                    return new FileStream(cache.CompileLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (background)
                {
                    return null;
                }
                catch (IOException)
                {
                    // The compile that holds the lock may be a background one paused for this very command: say so.
                    File.WriteAllText(cache.CompileAwaited, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    sleep(TimeSpan.FromSeconds(1));
                }
            }
        }
        finally
        {
            if (!background)
            {
                File.Delete(cache.CompileAwaited);
            }
        }
    }

    /// <summary>
    /// Whether a BUILD_HOST=native run waits for the compile that holds the lock: its pid runs and is no newer than
    /// the file (the rule of the running commands, so a pid used again by another process does not count).
    /// </summary>
    private bool Awaited() =>
        File.Exists(cache.CompileAwaited)
        && int.TryParse(File.ReadAllText(cache.CompileAwaited).Trim(), out var pid)
        && RunningCommandFiles.StartedBy(pid, File.GetLastWriteTimeUtc(cache.CompileAwaited));

    private static void CopySources(string root, string copy)
    {
        foreach (var file in SourceFingerprint.Files(root))
        {
            var target = Path.Combine(copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(root, file), target, overwrite: true);
        }
    }
}
