namespace Build.Tools.Docker.Documents;

/// <summary>The replica count of a replicated service.</summary>
public sealed record ReplicatedDocument
{
    public int Replicas { get; init; }
}
