using Build.Provisioning;

namespace Build.Tools.Docker;

/// <summary>
/// The dockerd that <see cref="ProjectEngine"/> starts: what it needs from the host's packages, and the command
/// line that runs it in the foreground (ProjectEngine detaches it and sends its output to the log).
/// </summary>
public interface IProjectDaemon
{
    /// <summary>What the host must have (installed with apt when missing) before <see cref="Prepare"/>.</summary>
    IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>Puts in place what the daemon needs (its programs, its configuration) and returns its shell command line.</summary>
    string Prepare(ProjectEngineLocation location);
}
