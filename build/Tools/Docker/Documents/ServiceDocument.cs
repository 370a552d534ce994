using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>One entry of <c>GET /services</c>: the current spec, the previous one (after an update) and the update's state.</summary>
public sealed record ServiceDocument
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public ServiceSpecDocument? Spec { get; init; }

    public ServiceSpecDocument? PreviousSpec { get; init; }

    public UpdateStatusDocument? UpdateStatus { get; init; }
}
