namespace Build.Stack;

/// <summary>One container of the compose project, as `docker container inspect` reports it.</summary>
public sealed record ContainerState(string Id, string Service, string Name, string Status, string Health)
{
    /// <summary>
    /// The inspect format that <see cref="Parse"/> reads: id|service|name|status|health. `index .State "Health"`, not
    /// `.State.Health`: the client fails the whole inspect on a missing key, i.e. on any container without a health check.
    /// </summary>
    public const string InspectFormat = "{{.Id}}|{{index .Config.Labels \"com.docker.compose.service\"}}|{{.Name}}|{{.State.Status}}|{{if index .State \"Health\"}}{{.State.Health.Status}}{{else}}none{{end}}";

    /// <summary>Running, and healthy when the image has a health check.</summary>
    public bool IsReady => Status == "running" && Health is "healthy" or "none";

    /// <summary>A container that will not become ready without help: exited, dead, or failing its health check.</summary>
    public bool HasFailed => Status is "exited" or "dead" || Health == "unhealthy";

    /// <summary>
    /// The engine's container list (<c>GET /containers/json</c>): the same facts, the health read from the Status
    /// text ("Up 3 seconds (healthy)", "(health: starting)", "(unhealthy)"; none without a health check). Null when
    /// the document is not such a list.
    /// </summary>
    public static IReadOnlyList<ContainerState>? ParseList(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return null;
            }

            return document.RootElement.EnumerateArray().Select(container =>
            {
                var status = container.GetProperty("Status").GetString() ?? "";
                var health = status.Contains("(healthy)", StringComparison.Ordinal) ? "healthy"
                    : status.Contains("(unhealthy)", StringComparison.Ordinal) ? "unhealthy"
                    : status.Contains("(health: starting)", StringComparison.Ordinal) ? "starting"
                    : "none";
                var service = container.TryGetProperty("Labels", out var labels) && labels.ValueKind == System.Text.Json.JsonValueKind.Object
                    && labels.TryGetProperty("com.docker.compose.service", out var name) ? name.GetString() ?? "" : "";
                var names = container.GetProperty("Names");
                var containerName = names.GetArrayLength() > 0 ? names[0].GetString() ?? "" : "";
                return new ContainerState(container.GetProperty("Id").GetString() ?? "", service, containerName.TrimStart('/'),
                    container.GetProperty("State").GetString() ?? "", health);
            }).ToArray();
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static ContainerState? Parse(string line)
    {
        var parts = line.Trim().Split('|');
        return parts.Length == 5 ? new ContainerState(parts[0], parts[1], parts[2].TrimStart('/'), parts[3], parts[4]) : null;
    }
}
