namespace Build.Tools.Docker.Documents;

/// <summary>A task's attachment to a network: the network, and the task's addresses there (<c>10.0.1.5/24</c>).</summary>
public sealed record NetworkAttachmentDocument
{
    public AttachedNetworkDocument? Network { get; init; }

    public string[]? Addresses { get; init; }
}
