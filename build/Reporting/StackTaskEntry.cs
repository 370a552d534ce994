namespace Build.Reporting;

public sealed record StackTaskEntry(string? Node, string State, string? Address, IReadOnlyList<string> Endpoints);
