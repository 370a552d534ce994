using Build.SupplyChain;

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
    IReadOnlyList<string>? BaseImages = null,
    bool? Provenance = null,
    SbomSummary? Sbom = null,
    string? Signature = null);
