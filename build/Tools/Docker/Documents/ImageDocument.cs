namespace Build.Tools.Docker.Documents;

/// <summary>
/// An image inspect document: the engine API's <c>GET /images/{name}/json</c>, and each element of the client's
/// <c>docker image inspect</c> array. With the containerd image store (Docker 24 on, default from 29) the id is the
/// digest of the image's manifest or OCI index, not of its config, and the document may carry Descriptor and
/// Manifests (attestations among them); neither is read, and the Config is the one of the engine's platform.
/// </summary>
public sealed record ImageDocument
{
    public string? Id { get; init; }

    public string[]? RepoTags { get; init; }

    public long? Size { get; init; }

    public ConfigDocument? Config { get; init; }
}
