namespace Build.Tools.Docker.Documents;

/// <summary>The network of a task's attachment; its name is in its spec.</summary>
public sealed record AttachedNetworkDocument
{
    public NetworkDocument? Spec { get; init; }
}
