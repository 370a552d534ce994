namespace Build.Reporting;

/// <summary>A swarm stack after a deploy: per service the replicas and, per task, the node that runs it.</summary>
public sealed record StackEntry(IReadOnlyList<StackServiceEntry> Services);

public sealed record StackServiceEntry(string Name, int Desired, int Running, string? Image, IReadOnlyList<StackTaskEntry> Tasks);

public sealed record StackTaskEntry(string? Node, string State, string? Address, IReadOnlyList<string> Endpoints);
