using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>An engine's HTTP answer: status code and body.</summary>
public sealed record EngineResponse(int Status, string Body)
{
    /// <summary>A top-level string property of a JSON body; null when the body is not such an object.</summary>
    public string? ReadString(string property)
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
