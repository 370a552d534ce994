namespace Build.Reporting;

/// <summary>One task of the run; <paramref name="StartSeconds"/> is its start, in seconds after the run's start.</summary>
public sealed record TaskEntry(string Name, string Status, double DurationSeconds, string? SkipReason = null, double StartSeconds = 0);
