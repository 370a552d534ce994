namespace Build.Lock;

/// <summary>The Poetry side of regeneration; the build host implements it over its Poetry tool wrapper.</summary>
public interface IPoetryLocker
{
    /// <summary>The installed Poetry's version; null when Poetry is not on the machine.</summary>
    Version? Version { get; }

    /// <summary>Why <see cref="Version"/> is null, naming what was tried (the --poetry path and its error).</summary>
    string Unavailable => "Poetry is not installed";

    /// <summary>What to do when <see cref="Version"/> is null, as a sentence.</summary>
    string Remedy => "Install it with `apt-get install python3-poetry` (Debian/Ubuntu) or `pipx install poetry`.";

    /// <summary>Runs <c>poetry lock &lt;arguments&gt;</c> in <paramref name="projectDirectory"/> and returns its exit code.</summary>
    int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel);

    /// <summary>Why the last <see cref="Lock"/> failed, when its output names it (the package index down, refusing, lacking a package).</summary>
    string? LastFailureReason => null;

    /// <summary>
    /// Asks Poetry itself whether the lock matches pyproject.toml (<c>poetry check --lock</c> from 1.6,
    /// <c>poetry lock --check</c> before): used only for a lock whose writer's rules this build does not know.
    /// Returns the exit code (0 = fresh).
    /// </summary>
    int Check(string projectDirectory, CancellationToken cancel);
}
