namespace Build.Tools.Docker.Documents;

/// <summary>A service's mode; only a replicated one has a count (a global service runs one task per node).</summary>
public sealed record ServiceModeDocument
{
    public ReplicatedDocument? Replicated { get; init; }
}
