namespace Build.Images.Digest;

/// <summary>One remembered file hash: valid while the file keeps this size and modification time.</summary>
public sealed record FileHashEntry(long Size, long ModifiedTicks, long HashedTicks, string Sha256);
