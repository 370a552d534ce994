using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>One entry of <c>GET /tasks</c>: a container's slot of a service, on one node.</summary>
public sealed record TaskDocument
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("ServiceID")]
    public string? ServiceId { get; init; }

    [JsonPropertyName("NodeID")]
    public string? NodeId { get; init; }

    public string? DesiredState { get; init; }

    public TaskStatusDocument? Status { get; init; }

    public TaskSpecDocument? Spec { get; init; }

    public NetworkAttachmentDocument[]? NetworksAttachments { get; init; }
}
