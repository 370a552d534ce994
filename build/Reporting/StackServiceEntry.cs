namespace Build.Reporting;

public sealed record StackServiceEntry(string Name, int Desired, int Running, string? Image, IReadOnlyList<StackTaskEntry> Tasks);
