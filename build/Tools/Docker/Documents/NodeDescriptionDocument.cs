namespace Build.Tools.Docker.Documents;

/// <summary>What a node says of itself: its host name.</summary>
public sealed record NodeDescriptionDocument
{
    public string? Hostname { get; init; }
}
