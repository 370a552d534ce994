namespace Build.Tools.Docker.Documents;

/// <summary>A docker context's meta.json in the client's context store: its endpoints by kind (<c>docker</c>).</summary>
public sealed record ContextMetaDocument
{
    public Dictionary<string, ContextEndpointDocument?>? Endpoints { get; init; }
}
