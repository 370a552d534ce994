namespace Build.Tools.Docker.Documents;

/// <summary><c>GET /info</c>: the engine's place in a swarm and its clock (an RFC 3339 text).</summary>
public sealed record InfoDocument
{
    public SwarmInfoDocument? Swarm { get; init; }

    public string? SystemTime { get; init; }
}
