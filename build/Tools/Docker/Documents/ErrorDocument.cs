using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>The body of an engine's error answer (<c>{"message":"No such image: x"}</c>).</summary>
public sealed record ErrorDocument
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
