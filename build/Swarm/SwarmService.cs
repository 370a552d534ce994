namespace Build.Swarm;

/// <summary>One swarm service of the stack, from <c>GET /services</c>.</summary>
/// <param name="Name">The service's name in the stack (orchestrator), without the stack prefix.</param>
/// <param name="Image">The image of the current spec (<c>repo:tag@sha256:…</c>).</param>
/// <param name="PreviousImage">The image of the previous spec: after a rollback, the image that failed.</param>
/// <param name="UpdateState">UpdateStatus.State (updating, paused, completed, rollback_started, rollback_paused, rollback_completed); null without one.</param>
public sealed record SwarmService(
    string Id,
    string Name,
    string FullName,
    string Image,
    int Desired,
    string? PreviousImage,
    string? UpdateState,
    string? UpdateMessage,
    DateTimeOffset? UpdateStartedAt);
