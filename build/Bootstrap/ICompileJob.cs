namespace Build.Bootstrap;

/// <summary>A running compile with every process it starts: paused, resumed and stopped as one.</summary>
public interface ICompileJob
{
    bool HasExited { get; }

    /// <summary>The exit code once <see cref="HasExited"/>.</summary>
    int ExitCode { get; }

    void Pause();

    void Resume();

    /// <summary>Ends it and every process it started, and waits for that.</summary>
    void Stop();
}
