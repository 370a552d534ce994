using Build.Provisioning;

namespace Build.Reporting;

/// <summary>
/// The whole report as written to artifacts/build-report.json. <see cref="IsPlan"/> is the report of a dry run (its
/// JSON name, dryRun, is what readers of the report know).
/// </summary>
public sealed record BuildReportDocument(
    int SchemaVersion,
    string Target,
    [property: System.Text.Json.Serialization.JsonPropertyName("dryRun")] bool IsPlan,
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
