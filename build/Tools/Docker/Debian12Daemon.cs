using Build.Provisioning;
using Cake.Core;

namespace Build.Tools.Docker;

/// <summary>The host's own dockerd (Debian 12's docker.io, 20.10), installed with apt when missing.</summary>
public sealed class Debian12Daemon(Func<string, string?> environment) : IProjectDaemon
{
    public IReadOnlyList<Requirement> Requirements => Requirement.Engine;

    public string Prepare(ProjectEngineLocation location)
    {
        var dockerd = Requirement.Dockerd.Locate(environment)
            ?? throw new CakeException(ExitCodes.ToolMissing, $"dockerd is not installed. {ToolHints.HowToInstall("dockerd")}");
        return ShellWords.Join(DaemonArguments(dockerd, location));
    }

    /// <summary>Its own socket, data root, exec root and pidfile: the places no other engine on the machine uses.</summary>
    public static IEnumerable<string> DaemonArguments(string dockerd, ProjectEngineLocation location) =>
    [
        dockerd,
        "--host", location.Endpoint.Url,
        "--data-root", location.DataRoot,
        "--exec-root", location.ExecRoot,
        "--pidfile", location.PidFile,
    ];
}
