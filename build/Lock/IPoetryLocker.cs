namespace Build.Lock;

/// <summary>The Poetry side of regeneration; the build host implements it over its Poetry tool wrapper.</summary>
public interface IPoetryLocker
{
    /// <summary>The installed Poetry's version; null when Poetry is not on the machine.</summary>
    Version? Version { get; }

    /// <summary>Runs <c>poetry lock &lt;arguments&gt;</c> in <paramref name="projectDirectory"/> and returns its exit code.</summary>
    int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel);
}
