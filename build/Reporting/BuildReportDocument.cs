using Build.Provisioning;

namespace Build.Reporting;

/// <summary>The whole report as written to artifacts/build-report.json.</summary>
public sealed record BuildReportDocument(
    int SchemaVersion,
    string Target,
    bool DryRun,
    string Status,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string? Version,
    string? Sha,
    BuildFailure? Failure,
    IReadOnlyList<TaskEntry> Tasks,
    IReadOnlyList<ImageEntry> Images,
    LockEntry? Lock,
    ComposeEntry? Compose,
    IReadOnlyList<string>? Targets = null,
    IReadOnlyList<TaskEdge>? Edges = null,
    StackEntry? Stack = null,
    EngineEntry? Engine = null,
    IReadOnlyList<ProvisioningEntry>? Provisioning = null);
