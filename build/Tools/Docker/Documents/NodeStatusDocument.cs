namespace Build.Tools.Docker.Documents;

/// <summary>A node's state (ready, down…) and the address its published ports answer on.</summary>
public sealed record NodeStatusDocument
{
    public string? State { get; init; }

    public string? Addr { get; init; }
}
