namespace Build.Reporting;

/// <summary>When an image's build ran (seconds after the run's start); in a parallel build two of these overlap.</summary>
public sealed record ImageTiming(double StartSeconds, double DurationSeconds);
