using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>One entry of <c>GET /nodes</c>.</summary>
public sealed record NodeDocument
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public NodeDescriptionDocument? Description { get; init; }

    public NodeStatusDocument? Status { get; init; }

    public NodeSpecDocument? Spec { get; init; }
}
