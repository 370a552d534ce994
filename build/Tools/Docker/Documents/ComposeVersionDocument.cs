using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>What <c>docker compose version --format json</c> prints.</summary>
public sealed record ComposeVersionDocument
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}
