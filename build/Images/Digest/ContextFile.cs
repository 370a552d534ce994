namespace Build.Images.Digest;

/// <summary>One context file a build can copy: path relative to the context, octal mode, SHA-256 (or "missing").</summary>
public sealed record ContextFile(string Path, string Mode, string Sha256);
