namespace Build.Tools.Docker.Documents;

/// <summary>A container's health: starting, healthy or unhealthy.</summary>
public sealed record HealthDocument
{
    public string? Status { get; init; }
}
