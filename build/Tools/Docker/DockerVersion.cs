using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>
/// What <c>docker version --format '{{json .}}'</c> printed, read in one place for everyone who runs it
/// (<see cref="DockerProbe"/>, <see cref="DockerClientFacts"/>): the client's version, and the server's version, OS
/// and API version when the engine answered. A value that is missing (no engine, not JSON) is null.
/// </summary>
public sealed record DockerVersion(string? Client, string? Server, string? ServerOs, string? ServerApi)
{
    // Text that is not that document (not a docker client, or a broken one) names no version at all.
    public static DockerVersion Parse(string json) =>
        EngineJson.Read(json, EngineJson.Default.VersionDocument) is { } document
            ? new DockerVersion(document.Client?.Version, document.Server?.Version, document.Server?.Os, document.Server?.ApiVersion)
            : new DockerVersion(null, null, null, null);
}
