namespace Build.Tools.Docker.Documents;

/// <summary>A node's availability as its spec sets it: active, pause or drain.</summary>
public sealed record NodeSpecDocument
{
    public string? Availability { get; init; }
}
