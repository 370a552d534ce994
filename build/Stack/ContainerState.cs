using Build.Tools.Docker.Documents;

namespace Build.Stack;

/// <summary>
/// One container of the compose project, read from its inspect document (<see cref="ContainerDocument"/>): the
/// engine API's <c>GET /containers/{id}/json</c>, or the client's <c>docker container inspect</c> where the API
/// cannot be reached. Health is "none" for a container without a health check.
/// </summary>
public sealed record ContainerState(string Id, string Service, string Name, string Status, string Health)
{
    /// <summary>The label compose puts on each container: the service it runs.</summary>
    public const string ServiceLabel = "com.docker.compose.service";

    /// <summary>Running, and healthy when the image has a health check.</summary>
    public bool IsReady => Status == "running" && Health is "healthy" or "none";

    /// <summary>A container that will not become ready without help: exited, dead, or failing its health check.</summary>
    public bool HasFailed => Status is "exited" or "dead" || Health == "unhealthy";

    /// <summary>The state of one inspect document; null without an id or a state (not a container's document).</summary>
    public static ContainerState? From(ContainerDocument container) =>
        container is { Id: { Length: > 0 } id, State.Status: { } status }
            ? new ContainerState(
                id,
                container.Config?.Labels?.GetValueOrDefault(ServiceLabel) ?? "",
                (container.Name ?? "").TrimStart('/'),
                status,
                container.State.Health?.Status ?? "none")
            : null;

    /// <summary>The states of these inspect documents (the engine API's answers), in their order.</summary>
    public static IReadOnlyList<ContainerState> From(IEnumerable<ContainerDocument> containers) =>
        [.. containers.Select(From).OfType<ContainerState>()];

    /// <summary>
    /// Reads the output of <c>docker container inspect</c> (a JSON array of documents). When one of the containers
    /// is gone the client still prints the others; output that is not such an array holds none.
    /// </summary>
    public static IReadOnlyList<ContainerState> FromInspectOutput(string json) =>
        From(EngineJson.Read(json, EngineJson.Default.ContainerDocumentArray) ?? []);
}
