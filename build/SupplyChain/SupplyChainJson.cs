using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.SupplyChain;

/// <summary>The SPDX documents the build reads, by code generated at compile time (as the engine's documents are).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SpdxDocument))]
public sealed partial class SupplyChainJson : JsonSerializerContext
{
    /// <summary>The SPDX document in <paramref name="json"/>; null when it is not JSON or not an SPDX 2.x document.</summary>
    public static SpdxDocument? ReadSpdx(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.SpdxDocument) is { SpdxVersion: { } version } document
                && version.StartsWith("SPDX-2.", StringComparison.Ordinal)
                ? document
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
