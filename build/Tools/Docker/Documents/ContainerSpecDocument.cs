namespace Build.Tools.Docker.Documents;

/// <summary>The container of a task spec: its image (<c>repo:tag@sha256:…</c>) and labels (the stack's name among them).</summary>
public sealed record ContainerSpecDocument
{
    public string? Image { get; init; }

    public Dictionary<string, string?>? Labels { get; init; }
}
