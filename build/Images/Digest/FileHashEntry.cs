namespace Build.Images.Digest;

/// <summary>
/// One remembered file hash: valid while the file keeps this size and modification time. Also its entry in
/// .build/digest-cache.json (<see cref="FileHashCacheFile"/>), where every field must be present.
/// </summary>
public sealed record FileHashEntry(long Size, long ModifiedTicks, long HashedTicks, string Sha256);
