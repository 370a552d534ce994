namespace Build.Reporting;

public sealed record TaskEntry(string Name, string Status, double DurationSeconds, string? SkipReason = null);
