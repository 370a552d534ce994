namespace Build.Tools.Docker.Documents;

/// <summary>A service's UpdateStatus: updating, paused, completed, rollback_…; the start is an RFC 3339 text.</summary>
public sealed record UpdateStatusDocument
{
    public string? State { get; init; }

    public string? Message { get; init; }

    public string? StartedAt { get; init; }
}
