namespace Build.Tools.Docker.Documents;

/// <summary>
/// <c>GET /info</c>: the engine's place in a swarm, its clock (an RFC 3339 text), and its storage driver with the
/// driver's status pairs (the containerd image store says <c>["driver-type", "io.containerd.snapshotter.v1"]</c>), and
/// the registries it speaks plain http to.
/// </summary>
public sealed record InfoDocument
{
    public SwarmInfoDocument? Swarm { get; init; }

    public string? SystemTime { get; init; }

    public string? Driver { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? DriverStatus { get; init; }

    public RegistryConfigDocument? RegistryConfig { get; init; }
}

/// <summary>
/// <c>RegistryConfig</c> of <c>GET /info</c>: the networks whose registries are insecure (127.0.0.0/8 by default) and
/// each registry the engine knows, with <c>Secure: false</c> for those of <c>--insecure-registry</c>.
/// </summary>
public sealed record RegistryConfigDocument
{
    [System.Text.Json.Serialization.JsonPropertyName("InsecureRegistryCIDRs")]
    public IReadOnlyList<string>? InsecureRegistryCidrs { get; init; }

    public IReadOnlyDictionary<string, IndexInfoDocument>? IndexConfigs { get; init; }
}

/// <summary>One registry of <see cref="RegistryConfigDocument.IndexConfigs"/>.</summary>
public sealed record IndexInfoDocument
{
    public bool Secure { get; init; } = true;
}
