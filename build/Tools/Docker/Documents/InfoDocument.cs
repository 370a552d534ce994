namespace Build.Tools.Docker.Documents;

/// <summary>
/// <c>GET /info</c>: the engine's place in a swarm, its clock (an RFC 3339 text), and its storage driver with the
/// driver's status pairs (the containerd image store says <c>["driver-type", "io.containerd.snapshotter.v1"]</c>).
/// </summary>
public sealed record InfoDocument
{
    public SwarmInfoDocument? Swarm { get; init; }

    public string? SystemTime { get; init; }

    public string? Driver { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? DriverStatus { get; init; }
}
