namespace Build.Reporting;

public sealed record ImageEntry(
    string Name,
    string Service,
    string Flavour,
    string Repository,
    IReadOnlyList<string> Tags,
    string Dockerfile,
    string Status,
    string? Digest = null,
    long? SizeBytes = null,
    string? InputDigest = null,
    string? Reason = null,
    string? Task = null,
    ImageTiming? Build = null,
    long? SizeBudgetBytes = null,
    IReadOnlyList<string>? BaseImages = null);

/// <summary>When an image's build ran (seconds after the run's start); in a parallel build two of these overlap.</summary>
public sealed record ImageTiming(double StartSeconds, double DurationSeconds);
