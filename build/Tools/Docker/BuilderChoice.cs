using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>
/// What one docker client of the machine answered: its version, whether it reached the engine (and whether that
/// engine has BuildKit), and whether it has the buildx plugin.
/// </summary>
public sealed record DockerClientFacts(string Executable, string ClientVersion, bool ReachesEngine, bool EngineHasBuildKit, bool HasBuildx)
{
    /// <summary>Clients from 23 on build with buildx or fall back to the legacy builder; older ones have BuildKit inside.</summary>
    public const int FirstClientWithoutBuiltInBuildKit = 23;

    /// <summary>The engine API of dockerd 18.09, the first release whose BuildKit needs no experimental flag.</summary>
    public static readonly Version FirstBuildKitApi = new(1, 39);

    public bool HasBuiltInBuildKit => MajorVersion(ClientVersion) is { } major && major < FirstClientWithoutBuiltInBuildKit;

    /// <summary>The fastest builder this client can drive on its engine.</summary>
    public DockerBuilder Builder => !EngineHasBuildKit ? DockerBuilder.Legacy
        : HasBuildx ? DockerBuilder.Buildx
        : HasBuiltInBuildKit ? DockerBuilder.BuildKitEnvironment
        : DockerBuilder.Legacy;

    /// <summary>Why this client builds with <see cref="Builder"/>, as the end of a sentence.</summary>
    public string Capability => !EngineHasBuildKit ? "the engine has no BuildKit (a Windows engine, or older than 18.09)"
        : HasBuildx ? "has the buildx plugin"
        : HasBuiltInBuildKit ? "has BuildKit built in"
        : "has no buildx plugin";

    public static int? MajorVersion(string version)
    {
        var digits = new string(version.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : null;
    }

    /// <summary>
    /// Reads `docker version --format '{{json .}}'` of <paramref name="executable"/>: the client's version, and the
    /// server's OS and API version when the engine answered (BuildKit needs a Linux engine of API 1.39 or later).
    /// </summary>
    public static DockerClientFacts FromVersionJson(string executable, string json, bool hasBuildx)
    {
        string? clientVersion = null;
        var reachesEngine = false;
        var engineHasBuildKit = false;
        try
        {
            using var document = JsonDocument.Parse(json);
            string? Read(string section, string property) =>
                document.RootElement.TryGetProperty(section, out var element) && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            clientVersion = Read("Client", "Version");
            reachesEngine = Read("Server", "Version") is not null;
            engineHasBuildKit = reachesEngine
                && Read("Server", "Os") is null or "linux"
                && Version.TryParse(Read("Server", "ApiVersion"), out var api) && api >= FirstBuildKitApi;
        }
        catch (JsonException)
        {
            // Not a docker client (or a broken one): it reaches no engine.
        }

        return new DockerClientFacts(executable, clientVersion ?? "unknown", reachesEngine, engineHasBuildKit, hasBuildx);
    }
}

/// <summary>The docker client that runs the builds and the builder it uses, with the reason in one line.</summary>
public sealed record BuilderChoice(string Client, DockerBuilder Builder, string Reason)
{
    /// <summary>A dry run probes nothing: plain `docker build` with the configured client.</summary>
    public static BuilderChoice Unprobed(string client) => new(client, DockerBuilder.Unprobed, "not probed in a dry run");

    /// <summary>The line the build prints once per run, before the first build.</summary>
    public string Describe() => $"Builder: {Builder.Describe()} with {Client}: {Reason}.";

    /// <summary>
    /// Picks the builder. <paramref name="clients"/> are the clients that answered, the configured one first
    /// (`--docker=PATH`, or the first `docker` on PATH). An explicit `--docker` decides outright; otherwise the
    /// first client that drives BuildKit wins (the engine's BuildKit behind buildx and behind DOCKER_BUILDKIT=1 is
    /// the same builder, so order on PATH breaks the tie), and the configured client's legacy builder is the
    /// fallback. Only clients that reached the engine are considered.
    /// </summary>
    public static BuilderChoice Choose(IReadOnlyList<DockerClientFacts> clients, bool clientGiven)
    {
        var configured = clients[0];
        var version = configured.ClientVersion;
        if (clientGiven)
        {
            return new BuilderChoice(configured.Executable, configured.Builder, $"docker {version} {configured.Capability} (--docker chose the client)");
        }

        if (configured.Builder.IsBuildKit())
        {
            return new BuilderChoice(configured.Executable, configured.Builder, $"docker {version} {configured.Capability}");
        }

        var other = clients.Skip(1).FirstOrDefault(client => client.ReachesEngine && client.Builder.IsBuildKit());
        if (other is not null)
        {
            return new BuilderChoice(other.Executable, other.Builder,
                $"docker {other.ClientVersion} {other.Capability}, docker {version} first on PATH {configured.Capability}");
        }

        var alternatives = clients.Count == 1 ? "no other docker client on PATH" : "no other docker client on PATH drives BuildKit";
        return new BuilderChoice(configured.Executable, DockerBuilder.Legacy,
            configured.EngineHasBuildKit ? $"docker {version} {configured.Capability} and {alternatives}" : configured.Capability);
    }
}
