using System.Text.Json.Serialization;

namespace Build.Tools;

/// <summary>One remembered probe answer in .build/tool-probes.json, with the fingerprint it holds for.</summary>
public sealed record ToolProbeAnswer(
    [property: JsonPropertyName("fingerprint")] string? Fingerprint,
    [property: JsonPropertyName("answer")] string? Answer);
