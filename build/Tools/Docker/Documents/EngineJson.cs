using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Build.Tools.Docker.Documents;

/// <summary>
/// The engine's JSON documents, read by code generated at compile time: reflection-based reading is not AOT-safe,
/// and walking a JsonDocument by hand writes each field's name and kind again at every reader. Names are matched
/// exactly as the engine writes them; fields a model does not declare are ignored, so newer engines that add fields
/// (the containerd image store's Descriptor and Manifests) read the same.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(VersionDocument))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ComposeVersionDocument))]
[JsonSerializable(typeof(ClientConfigDocument))]
[JsonSerializable(typeof(ContextMetaDocument))]
[JsonSerializable(typeof(ImageDocument))]
[JsonSerializable(typeof(ImageDocument[]))]
[JsonSerializable(typeof(ContainerDocument))]
[JsonSerializable(typeof(ContainerDocument[]))]
[JsonSerializable(typeof(ContainerSummaryDocument[]))]
[JsonSerializable(typeof(InfoDocument))]
[JsonSerializable(typeof(ServiceDocument[]))]
[JsonSerializable(typeof(TaskDocument[]))]
[JsonSerializable(typeof(NodeDocument[]))]
[JsonSerializable(typeof(NetworkDocument[]))]
[JsonSerializable(typeof(DistributionDocument))]
public sealed partial class EngineJson : JsonSerializerContext
{
    /// <summary>The document in <paramref name="json"/>; null when it is not JSON, not of that shape, or JSON null.</summary>
    public static T? Read<T>(string json, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

}
