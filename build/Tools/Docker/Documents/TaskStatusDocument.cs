namespace Build.Tools.Docker.Documents;

/// <summary>A task's Status: its state, the engine's message and error, when (an RFC 3339 text), and its published ports.</summary>
public sealed record TaskStatusDocument
{
    public string? State { get; init; }

    public string? Message { get; init; }

    public string? Err { get; init; }

    public string? Timestamp { get; init; }

    public PortStatusDocument? PortStatus { get; init; }
}
