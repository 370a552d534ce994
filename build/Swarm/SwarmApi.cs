using System.Globalization;
using System.Text;
using System.Text.Json;
using Build.Tools.Docker;

namespace Build.Swarm;

/// <summary>
/// The swarm questions of Deploy and Undeploy, asked over the Engine API of the manager (read-only; every change goes
/// through the docker client). Answers are read with <see cref="JsonDocument"/>: no reflection, AOT-clean.
/// </summary>
public sealed class SwarmApi(EngineApi engine)
{
    public const string StackLabel = "com.docker.stack.namespace";

    public EngineEndpoint Endpoint => engine.Endpoint;

    public SwarmState State()
    {
        using var info = Document(engine.Get($"/{EngineApi.ApiVersion}/info"), "/info");
        var root = info.RootElement;
        var swarm = root.TryGetProperty("Swarm", out var value) ? value : default;
        return new SwarmState(
            String(swarm, "LocalNodeState") ?? "inactive",
            swarm.ValueKind == JsonValueKind.Object && swarm.TryGetProperty("ControlAvailable", out var control) && control.ValueKind == JsonValueKind.True,
            String(swarm, "NodeAddr") ?? "",
            String(swarm, "Error") ?? "",
            Time(root, "SystemTime") ?? DateTimeOffset.UtcNow);
    }

    public IReadOnlyList<SwarmService> Services(string stack)
    {
        using var document = Document(engine.Get($"/{EngineApi.ApiVersion}/services?filters={LabelFilter(stack)}"), "/services");
        var prefix = stack + "_";
        return document.RootElement.EnumerateArray().Select(service =>
        {
            var spec = service.GetProperty("Spec");
            var fullName = String(spec, "Name") ?? "";
            var update = service.TryGetProperty("UpdateStatus", out var status) ? status : default;
            return new SwarmService(
                String(service, "ID") ?? "",
                fullName.StartsWith(prefix, StringComparison.Ordinal) ? fullName[prefix.Length..] : fullName,
                fullName,
                ContainerImage(spec) ?? "",
                spec.TryGetProperty("Mode", out var mode) && mode.TryGetProperty("Replicated", out var replicated)
                    && replicated.TryGetProperty("Replicas", out var replicas) ? replicas.GetInt32() : 0,
                service.TryGetProperty("PreviousSpec", out var previous) ? ContainerImage(previous) : null,
                String(update, "State"),
                String(update, "Message"),
                Time(update, "StartedAt"));
        }).OrderBy(service => service.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every task of the swarm that belongs to <paramref name="stack"/> (the stack label of its container spec).</summary>
    public IReadOnlyList<SwarmTask> Tasks(string stack)
    {
        using var document = Document(engine.Get($"/{EngineApi.ApiVersion}/tasks"), "/tasks");
        return document.RootElement.EnumerateArray().Select(ReadTask).Where(task => task.Stack == stack).ToArray();
    }

    public IReadOnlyList<SwarmNode> Nodes()
    {
        using var document = Document(engine.Get($"/{EngineApi.ApiVersion}/nodes"), "/nodes");
        return document.RootElement.EnumerateArray().Select(node =>
        {
            var description = node.TryGetProperty("Description", out var d) ? d : default;
            var status = node.TryGetProperty("Status", out var s) ? s : default;
            var spec = node.TryGetProperty("Spec", out var p) ? p : default;
            return new SwarmNode(String(node, "ID") ?? "", String(description, "Hostname") ?? "", String(status, "Addr") ?? "", String(status, "State") ?? "unknown", String(spec, "Availability") ?? "");
        }).ToArray();
    }

    /// <summary>The stack's networks (the overlay network stack deploy made).</summary>
    public IReadOnlyList<string> Networks(string stack)
    {
        using var document = Document(engine.Get($"/{EngineApi.ApiVersion}/networks?filters={LabelFilter(stack)}"), "/networks");
        return document.RootElement.EnumerateArray().Select(network => String(network, "Name") ?? "").ToArray();
    }

    /// <summary>The last <paramref name="tail"/> log lines of one task (stdout and stderr), from whichever node ran it; empty when it cannot be read.</summary>
    public IReadOnlyList<string> TaskLogs(string taskId, int tail) =>
        Logs($"/{EngineApi.ApiVersion}/tasks/{taskId}/logs?stdout=1&stderr=1&tail={tail.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The last <paramref name="tail"/> log lines of a service, every task together.</summary>
    public IReadOnlyList<string> ServiceLogs(string serviceId, int tail) =>
        Logs($"/{EngineApi.ApiVersion}/services/{serviceId}/logs?stdout=1&stderr=1&tail={tail.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Splits a log stream into lines. Without a TTY the engine frames it: 1 byte stream type, 3 zero bytes, 4 bytes
    /// big-endian length, then the payload; anything else is taken as plain text.
    /// </summary>
    public static IReadOnlyList<string> LogLines(byte[] stream)
    {
        var text = new StringBuilder();
        var offset = 0;
        var framed = stream.Length >= 8 && stream[0] is 0 or 1 or 2 && stream[1] == 0 && stream[2] == 0 && stream[3] == 0;
        if (!framed)
        {
            text.Append(Encoding.UTF8.GetString(stream));
        }

        while (framed && offset + 8 <= stream.Length)
        {
            var length = (stream[offset + 4] << 24) | (stream[offset + 5] << 16) | (stream[offset + 6] << 8) | stream[offset + 7];
            var size = Math.Min(length, stream.Length - offset - 8);
            text.Append(Encoding.UTF8.GetString(stream, offset + 8, size));
            offset += 8 + size;
        }

        return text.ToString().Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
    }

    internal static SwarmTask ReadTask(JsonElement task)
    {
        var status = task.TryGetProperty("Status", out var s) ? s : default;
        var spec = task.TryGetProperty("Spec", out var p) ? p : default;
        var containerSpec = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("ContainerSpec", out var c) ? c : default;
        string? stack = null;
        if (containerSpec.ValueKind == JsonValueKind.Object && containerSpec.TryGetProperty("Labels", out var labels)
            && labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(StackLabel, out var label))
        {
            stack = label.GetString();
        }

        var ports = new List<int>();
        if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("PortStatus", out var portStatus)
            && portStatus.TryGetProperty("Ports", out var portList) && portList.ValueKind == JsonValueKind.Array)
        {
            // The 20.10 engine lists a host-mode port twice.
            ports.AddRange(portList.EnumerateArray().Where(port => port.TryGetProperty("PublishedPort", out _))
                .Select(port => port.GetProperty("PublishedPort").GetInt32()).Where(port => port > 0).Distinct());
        }

        string? address = null;
        if (task.TryGetProperty("NetworksAttachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            address = attachments.EnumerateArray()
                .Where(attachment => attachment.TryGetProperty("Network", out var network) && String(network.GetProperty("Spec"), "Name") != "ingress")
                .SelectMany(attachment => attachment.TryGetProperty("Addresses", out var list) ? list.EnumerateArray().Select(a => a.GetString() ?? "") : [])
                .Select(a => a.Split('/')[0]).FirstOrDefault(a => a.Length > 0);
        }

        return new SwarmTask(
            String(task, "ID") ?? "",
            String(task, "ServiceID") ?? "",
            String(task, "NodeID") ?? "",
            String(status, "State") ?? "",
            String(task, "DesiredState") ?? "",
            String(status, "Message") ?? "",
            String(status, "Err"),
            String(containerSpec, "Image") ?? "",
            address,
            ports,
            Time(status, "Timestamp") ?? DateTimeOffset.MinValue,
            stack);
    }

    private IReadOnlyList<string> Logs(string path) =>
        engine.GetBytes(path) is { Status: 200 } answer ? LogLines(answer.Body) : [];

    private static string LabelFilter(string stack) =>
        Uri.EscapeDataString($"{{\"label\":[\"{StackLabel}={stack}\"]}}");

    private static string? ContainerImage(JsonElement spec) =>
        spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("TaskTemplate", out var template)
        && template.TryGetProperty("ContainerSpec", out var container) ? String(container, "Image") : null;

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(JsonElement element, string property) =>
        String(element, property) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private JsonDocument Document(EngineResponse? response, string what)
    {
        if (response is not { Status: 200 })
        {
            var reason = response is null ? "no answer" : $"HTTP {response.Status}: {response.ReadString("message") ?? response.Body.Trim()}";
            throw new CakeException(SwarmDeployment.SwarmExitCode, $"The engine at {engine.Endpoint} did not answer GET {what} ({reason}).");
        }

        return JsonDocument.Parse(response.Body);
    }
}
