using System.Text.Json.Serialization;

namespace Build.Tools;

/// <summary>The shape of .build/tool-probes.json: the format version, and each question's answer.</summary>
public sealed record ToolProbeDocument(
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("answers")] IReadOnlyDictionary<string, ToolProbeAnswer>? Answers);
