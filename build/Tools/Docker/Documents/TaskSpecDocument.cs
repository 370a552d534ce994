namespace Build.Tools.Docker.Documents;

/// <summary>What a task runs (a service's TaskTemplate and a task's Spec are the same engine type).</summary>
public sealed record TaskSpecDocument
{
    public ContainerSpecDocument? ContainerSpec { get; init; }
}
