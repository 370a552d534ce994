namespace Build.Tools.Docker;

/// <summary>The docker client that runs the builds and the builder it uses, with the reason in one line.</summary>
public sealed record BuilderChoice(string Client, DockerBuilder Builder, string Reason)
{
    /// <summary>What chose the client when --docker named it.</summary>
    public const string ByDockerOption = "--docker";

    /// <summary>What chose the client when the engine's containerd image store called for the Debian 13 toolchain's.</summary>
    public const string ByContainerdStore = "the engine's containerd image store";

    /// <summary>What builds, for the report's engine (buildx 0.13.1, BuildKit of docker 20.10.24); null when not probed.</summary>
    public string? BuilderName { get; init; }

    /// <summary>A dry run probes nothing: plain `docker build` with the configured client.</summary>
    public static BuilderChoice Unprobed(string client) => new(client, DockerBuilder.Unprobed, "not probed in a dry run");

    /// <summary>The line the build prints once per run, before the first build.</summary>
    public string Describe() => $"Builder: {Builder.Describe()} with {Client}: {Reason}.";

    /// <summary>
    /// Picks the builder. <paramref name="clients"/> are the clients that answered, the configured one first
    /// (`--docker=PATH`, or the first `docker` on PATH). An explicit `--docker` decides outright; otherwise the
    /// first client that drives BuildKit wins (the engine's BuildKit behind buildx and behind DOCKER_BUILDKIT=1 is
    /// the same builder, so order on PATH breaks the tie), and the configured client's legacy builder is the
    /// fallback. Only clients that reached the engine are considered. <paramref name="chosenBy"/> names what chose a
    /// given client, for the reason: --docker, or the engine's image store (<see cref="ProjectEngineClient"/>).
    /// </summary>
    public static BuilderChoice Choose(IReadOnlyList<DockerClientFacts> clients, bool clientGiven, string chosenBy = ByDockerOption)
    {
        var configured = clients[0];
        var version = configured.ClientVersion;
        if (clientGiven)
        {
            return new BuilderChoice(configured.Executable, configured.Builder, $"docker {version} {configured.Capability} ({chosenBy} chose the client)")
            {
                BuilderName = configured.BuilderName,
            };
        }

        if (configured.Builder.IsBuildKit())
        {
            return new BuilderChoice(configured.Executable, configured.Builder, $"docker {version} {configured.Capability}")
            {
                BuilderName = configured.BuilderName,
            };
        }

        var other = clients.Skip(1).FirstOrDefault(client => client.ReachesEngine && client.Builder.IsBuildKit());
        if (other is not null)
        {
            return new BuilderChoice(other.Executable, other.Builder,
                $"docker {other.ClientVersion} {other.Capability}, docker {version} first on PATH {configured.Capability}")
            {
                BuilderName = other.BuilderName,
            };
        }

        var alternatives = clients.Count == 1 ? "no other docker client on PATH" : "no other docker client on PATH drives BuildKit";
        return new BuilderChoice(configured.Executable, DockerBuilder.Legacy,
            configured.EngineHasBuildKit ? $"docker {version} {configured.Capability} and {alternatives}" : configured.Capability)
        {
            BuilderName = (configured with { EngineHasBuildKit = false }).BuilderName,
        };
    }
}
