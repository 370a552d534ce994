namespace Build.Tools.Docker.Documents;

/// <summary>
/// A container inspect document: the engine API's <c>GET /containers/{id}/json</c> and each element of the client's
/// <c>docker container inspect</c> array.
/// </summary>
public sealed record ContainerDocument
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public ContainerStatusDocument? State { get; init; }

    public ConfigDocument? Config { get; init; }
}
