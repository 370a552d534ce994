namespace Build.Reporting;

/// <summary>One element of the <c>images</c> output (a named type: the host is compiled ahead of time, where anonymous types cannot be serialised).</summary>
public sealed record ImageOutput(
    string Name, string Service, string Flavour, string Repository, IReadOnlyList<string> Tags, string? Digest, long? SizeBytes, string Status);
