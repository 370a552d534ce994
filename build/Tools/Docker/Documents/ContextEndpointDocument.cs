namespace Build.Tools.Docker.Documents;

/// <summary>One endpoint of a docker context: the address, as DOCKER_HOST would name it.</summary>
public sealed record ContextEndpointDocument
{
    public string? Host { get; init; }
}
