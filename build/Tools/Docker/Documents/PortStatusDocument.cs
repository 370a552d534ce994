namespace Build.Tools.Docker.Documents;

/// <summary>The ports a task publishes in host mode.</summary>
public sealed record PortStatusDocument
{
    public PortDocument[]? Ports { get; init; }
}
