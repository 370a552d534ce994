namespace Build.Swarm;

/// <summary>One task (a container's slot) from <c>GET /tasks</c>.</summary>
public sealed record SwarmTask(
    string Id,
    string ServiceId,
    string NodeId,
    string State,
    string DesiredState,
    string Message,
    string? Error,
    string Image,
    string? Address,
    IReadOnlyList<int> PublishedPorts,
    DateTimeOffset Timestamp,
    string? Stack);
