using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>The part of the docker client's config.json this build reads: the docker context chosen there.</summary>
public sealed record ClientConfigDocument
{
    [JsonPropertyName("currentContext")]
    public string? CurrentContext { get; init; }
}
