using Build.Provisioning;

namespace Build.Tools.Docker;

/// <summary>
/// dockerd 26 of the Debian 13 toolchain with the containerd image store. It runs in a mount namespace of its own
/// with private folders bound on <c>/run/containerd</c> (containerd's shims put their sockets under the fixed
/// <c>/run/containerd/s</c>) and <c>/run/runc</c> (runc's state, used by BuildKit's RUN steps), so that it never
/// meets the state of another engine on the machine, a Debian 12 dockerd included. It shares the network namespace
/// of the build: published ports are on the host's 127.0.0.1 as with any dockerd, and since two engines in one
/// network namespace would fight over docker0 and the DOCKER iptables chains, <see cref="ProjectEngine"/> never
/// starts it beside another dockerd there.
/// </summary>
public sealed class Debian13Daemon(ToolchainProvisioner provisioner, Debian13Toolchain toolchain) : IProjectDaemon
{
    /// <summary>dockerd 26 with Debian 13's runc cannot run on a Debian 12 host (glibc 2.38): the host's runc does; and iptables for its NAT rules.</summary>
    public IReadOnlyList<Requirement> Requirements => [Requirement.Runc, Requirement.Iptables];

    /// <summary>The containerd image store (Docker Engine 29's default): attestations and cache export with buildx.</summary>
    public static string DaemonConfiguration => """{"features": {"containerd-snapshotter": true}, "cgroup-parent": "omninode-bridge-debian13"}""";

    public static string ConfigFile(ProjectEngineLocation location) => Path.Combine(location.RunDirectory, "daemon.json");

    public string Prepare(ProjectEngineLocation location)
    {
        provisioner.Ensure();
        Directory.CreateDirectory(location.RunDirectory);
        File.WriteAllText(ConfigFile(location), DaemonConfiguration + "\n");
        return CommandLine(toolchain, location);
    }

    /// <summary>
    /// unshare (without --fork) and sh both exec, so the pid that ProjectEngine sees is dockerd's and dockerd's own
    /// pidfile names it; the bind mounts end with the namespace when dockerd exits.
    /// </summary>
    public static string CommandLine(Debian13Toolchain toolchain, ProjectEngineLocation location)
    {
        var containerd = Path.Combine(location.RunDirectory, "containerd");
        var runc = Path.Combine(location.RunDirectory, "runc");
        var dockerd = Debian12Daemon.DaemonArguments(toolchain.Dockerd, location).ToList();
        dockerd.InsertRange(1, ["--config-file", ConfigFile(location)]);
        var script = string.Join(" && ",
        [
            ShellWords.Join(["mkdir", "-p", containerd, runc, "/run/containerd", "/run/runc"]),
            ShellWords.Join(["mount", "--bind", containerd, "/run/containerd"]),
            ShellWords.Join(["mount", "--bind", runc, "/run/runc"]),
            $"PATH={ShellWords.Quote(toolchain.Bin)}:\"$PATH\" exec {ShellWords.Join(dockerd)}",
        ]);
        return ShellWords.Join(["unshare", "--mount", "--propagation", "private", "sh", "-c", script]);
    }
}
