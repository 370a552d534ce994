using Build.Tools.Docker;

namespace Build.Tests.Support;

/// <summary>
/// The build host run as users run it against a project engine of the test's own (its own run directory and data
/// root), optionally in a network namespace of its own: the stand-in for a machine where no other engine runs.
/// </summary>
public sealed class ProjectEngineHost(ProjectEngineLocation location, ProjectEngineKind kind)
{
    /// <summary>No DOCKER_HOST or context (the project engine is what the build finds), the test's places, the kind.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = null,
        ["DOCKER_CONTEXT"] = null,
        ["NO_COLOR"] = "1",
        [ProjectEngineLocation.RunDirectoryVariable] = location.RunDirectory,
        [ProjectEngineLocation.DataRootVariable] = location.DataRoot,
        ["BRIDGE_PROJECT_ENGINE"] = ProjectEngineKinds.Name(kind),
    };

    /// <summary>The host with <paramref name="arguments"/>; with <paramref name="ownNetwork"/> under unshare --net, loopback up.</summary>
    public HostResult Run(bool ownNetwork, params string[] arguments)
    {
        List<string> command = HostRun.NativeHost is { } native ? [native] : ["dotnet", HostRun.HostAssembly];
        if (ownNetwork)
        {
            // A new network namespace's loopback is down; a host's is up.
            command.InsertRange(0, ["/usr/bin/unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh"]);
        }

        var (exitCode, output, error) = TestEnvironment.Run(command[0], [.. command.Skip(1), .. arguments], HostRun.RepositoryRoot, Environment);
        return new HostResult(exitCode, output, error);
    }
}
