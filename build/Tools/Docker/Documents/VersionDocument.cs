namespace Build.Tools.Docker.Documents;

/// <summary>What <c>docker version --format '{{json .}}'</c> prints: the client's part and the engine's (null without an engine).</summary>
public sealed record VersionDocument
{
    public EngineVersionDocument? Client { get; init; }

    public EngineVersionDocument? Server { get; init; }
}
