namespace Build.Tools.Docker.Documents;

/// <summary>The Swarm part of <c>GET /info</c>.</summary>
public sealed record SwarmInfoDocument
{
    public string? LocalNodeState { get; init; }

    public bool ControlAvailable { get; init; }

    public string? NodeAddr { get; init; }

    public string? Error { get; init; }
}
