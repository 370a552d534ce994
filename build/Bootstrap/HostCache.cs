namespace Build.Bootstrap;

/// <summary>
/// The machine-wide cache of native build hosts, shared by every clone, worktree and CI job of the machine
/// (build.sh: <c>BUILD_HOST_CACHE</c>, else <c>$XDG_CACHE_HOME/omninode-bridge/build-host</c>, else
/// <c>~/.cache/omninode-bridge/build-host</c>). One folder per source hash; a clone hard-links the one of its sources.
/// </summary>
/// <param name="Folder">The cache folder.</param>
public sealed record HostCache(string Folder)
{
    /// <summary>How many native hosts are kept: older ones go when a new one is installed.</summary>
    public const int Kept = 4;

    /// <summary>The native host compiled from the sources of that hash (a folder holding the executable <c>Build</c>).</summary>
    public string Host(string sources) => Path.Combine(Folder, "native", sources);

    /// <summary>Written when the native compile of those sources failed: its one line says why, build.sh prints it.</summary>
    public string Failed(string sources) => Path.Combine(Folder, "native", sources + ".failed");

    /// <summary>The native compile's output (the publish's own log), kept after it.</summary>
    public string Log(string sources) => Path.Combine(Folder, "native", sources + ".log");

    /// <summary>The copy of the sources a compile builds from, and its output; removed when it ends.</summary>
    public string Work(string sources) => Path.Combine(Folder, "work", sources);

    /// <summary>Held by the one compile of the machine for its whole length.</summary>
    public string CompileLock => Path.Combine(Folder, "compile.lock");

    /// <summary>The pid of the process that holds <see cref="CompileLock"/>: while it lives, build.sh registers its commands.</summary>
    public string CompilePid => Path.Combine(Folder, "compile.pid");

    /// <summary>The process group of the running compile: build.sh stops it (SIGSTOP, a builtin) when a command starts.</summary>
    public string CompileGroup => Path.Combine(Folder, "compile.group");

    /// <summary>One empty file per running command, named by its pid (build.sh writes it, then execs the host).</summary>
    public string Commands => Path.Combine(Folder, "commands");

    /// <summary>
    /// The pid of a BUILD_HOST=native run waiting for the compile that holds the lock: while that run lives, a
    /// background compile never yields to commands, since the waiting run is one of them and would wait for ever.
    /// </summary>
    public string CompileAwaited => Path.Combine(Folder, "compile.awaited");
}
