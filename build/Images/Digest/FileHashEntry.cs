using System.Text.Json.Serialization;

namespace Build.Images.Digest;

/// <summary>
/// One remembered file hash: valid while the file keeps this size and modification time. Also its entry in
/// .build/digest-cache.json, where every field must be present.
/// </summary>
public sealed record FileHashEntry(
    [property: JsonPropertyName("size"), JsonRequired] long Size,
    [property: JsonPropertyName("mtime"), JsonRequired] long ModifiedTicks,
    [property: JsonPropertyName("hashed"), JsonRequired] long HashedTicks,
    [property: JsonPropertyName("sha256"), JsonRequired] string Sha256);
