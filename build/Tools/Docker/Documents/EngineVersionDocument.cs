namespace Build.Tools.Docker.Documents;

/// <summary>
/// One program's version: the engine's answer to <c>GET /version</c>, and each half of <c>docker version</c>'s JSON
/// (the client's Os is its own, the server's the engine's).
/// </summary>
public sealed record EngineVersionDocument
{
    public string? Version { get; init; }

    public string? ApiVersion { get; init; }

    public string? Os { get; init; }
}
