namespace Build.Tools.Docker.Documents;

/// <summary>A container's State: running, exited…, and its health when the image or compose file defines a check.</summary>
public sealed record ContainerStatusDocument
{
    public string? Status { get; init; }

    public HealthDocument? Health { get; init; }
}
