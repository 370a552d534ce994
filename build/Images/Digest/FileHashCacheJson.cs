using System.Text.Json.Serialization;

namespace Build.Images.Digest;

/// <summary>Reads and writes .build/digest-cache.json with code generated at compile time (AOT-safe, no start-up JIT of reflection).</summary>
[JsonSerializable(typeof(FileHashCacheDocument))]
internal sealed partial class FileHashCacheJson : JsonSerializerContext;
