namespace Build.Reporting;

/// <summary>A swarm stack after a deploy: per service the replicas and, per task, the node that runs it.</summary>
public sealed record StackEntry(IReadOnlyList<StackServiceEntry> Services);
