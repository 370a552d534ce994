namespace Build.Bootstrap;

/// <summary>A running compile with every process it starts: paused, resumed and stopped as one.</summary>
public interface ICompileJob
{
    bool HasExited { get; }

    /// <summary>The process group every process of the compile is in (build.sh stops it at once when a command starts); 0 for none.</summary>
    int Group { get; }

    /// <summary>The exit code once <see cref="HasExited"/>.</summary>
    int ExitCode { get; }

    void Pause();

    void Resume();

    /// <summary>Ends it and every process it started, and waits for that.</summary>
    void Stop();
}
