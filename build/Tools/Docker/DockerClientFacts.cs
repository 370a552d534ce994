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
        var version = DockerVersion.Parse(json);
        var reachesEngine = version.Server is not null;
        var engineHasBuildKit = reachesEngine
            && version.ServerOs is null or "linux"
            && Version.TryParse(version.ServerApi, out var api) && api >= FirstBuildKitApi;
        return new DockerClientFacts(executable, version.Client ?? "unknown", reachesEngine, engineHasBuildKit, hasBuildx);
    }
}
