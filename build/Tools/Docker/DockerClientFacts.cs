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

    /// <summary>0.13.1 of the buildx plugin (what `docker buildx version` says); null without it.</summary>
    public string? BuildxVersion { get; init; }

    /// <summary>What builds with this client, for the report: buildx 0.13.1, BuildKit of docker 20.10.24, the legacy builder of docker 26.1.5.</summary>
    public string BuilderName => Builder switch
    {
        DockerBuilder.Buildx => $"buildx {BuildxVersion ?? "(version unknown)"}",
        DockerBuilder.BuildKitEnvironment => $"BuildKit of docker {ClientVersion}",
        _ => $"the legacy builder of docker {ClientVersion}",
    };

    /// <summary>
    /// The version of `docker buildx version`'s "github.com/docker/buildx v0.11.2 9872040" (upstream) or
    /// "github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3" (Debian): 0.11.2, 0.13.1; null when it is not that line.
    /// </summary>
    public static string? ParseBuildxVersion(string output)
    {
        var words = output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !words[0].EndsWith("buildx", StringComparison.Ordinal))
        {
            return null;
        }

        var version = words[1].TrimStart('v');
        var end = version.IndexOfAny(['+', '-', '~']);
        return end > 0 ? version[..end] : version;
    }

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
        var version = DockerVersion.Parse(json);
        var reachesEngine = version.Server is not null;
        var engineHasBuildKit = reachesEngine
            && version.ServerOs is null or "linux"
            && Version.TryParse(version.ServerApi, out var api) && api >= FirstBuildKitApi;
        return new DockerClientFacts(executable, version.Client ?? "unknown", reachesEngine, engineHasBuildKit, hasBuildx);
    }
}
