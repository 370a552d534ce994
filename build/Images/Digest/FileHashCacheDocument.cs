using System.Text.Json.Serialization;

namespace Build.Images.Digest;

/// <summary>The shape of .build/digest-cache.json: the format version, and each file's entry by full path.</summary>
public sealed record FileHashCacheDocument(
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("files")] IReadOnlyDictionary<string, FileHashEntry>? Files);
