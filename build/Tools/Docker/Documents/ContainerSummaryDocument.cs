namespace Build.Tools.Docker.Documents;

/// <summary>One entry of <c>GET /containers/json</c>; only its id is read, the facts come from the container's inspect document.</summary>
public sealed record ContainerSummaryDocument
{
    public string? Id { get; init; }
}
