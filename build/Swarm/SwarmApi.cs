using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Build.Tools.Docker;
using Build.Tools.Docker.Documents;

namespace Build.Swarm;

/// <summary>
/// The swarm questions of Deploy and Undeploy, asked over the Engine API of the manager (read-only; every change goes
/// through the docker client). Answers are read into the engine's documents (<see cref="EngineJson"/>, generated at
/// compile time: AOT-clean) and turned into this folder's records here.
/// </summary>
public sealed class SwarmApi(EngineApi engine)
{
    public const string StackLabel = "com.docker.stack.namespace";

    public EngineEndpoint Endpoint => engine.Endpoint;

    public SwarmState State()
    {
        var info = Read($"/{EngineApi.ApiVersion}/info", "/info", EngineJson.Default.InfoDocument);
        var swarm = info.Swarm;
        return new SwarmState(
            swarm?.LocalNodeState ?? "inactive",
            swarm?.ControlAvailable ?? false,
            swarm?.NodeAddr ?? "",
            swarm?.Error ?? "",
            Time(info.SystemTime) ?? DateTimeOffset.UtcNow);
    }

    public IReadOnlyList<SwarmService> Services(string stack)
    {
        var services = Read($"/{EngineApi.ApiVersion}/services?filters={LabelFilter(stack)}", "/services", EngineJson.Default.ServiceDocumentArray);
        var prefix = stack + "_";
        return services.Select(service =>
        {
            var spec = service.Spec;
            var fullName = spec?.Name ?? "";
            var update = service.UpdateStatus;
            return new SwarmService(
                service.Id ?? "",
                fullName.StartsWith(prefix, StringComparison.Ordinal) ? fullName[prefix.Length..] : fullName,
                fullName,
                spec?.TaskTemplate?.ContainerSpec?.Image ?? "",
                spec?.Mode?.Replicated?.Replicas ?? 0,
                service.PreviousSpec is { } previous ? previous.TaskTemplate?.ContainerSpec?.Image : null,
                update?.State,
                update?.Message,
                Time(update?.StartedAt));
        }).OrderBy(service => service.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every task of the swarm that belongs to <paramref name="stack"/> (the stack label of its container spec).</summary>
    public IReadOnlyList<SwarmTask> Tasks(string stack) =>
        Read($"/{EngineApi.ApiVersion}/tasks", "/tasks", EngineJson.Default.TaskDocumentArray).Select(ReadTask).Where(task => task.Stack == stack).ToArray();

    public IReadOnlyList<SwarmNode> Nodes() =>
        Read($"/{EngineApi.ApiVersion}/nodes", "/nodes", EngineJson.Default.NodeDocumentArray).Select(node => new SwarmNode(
            node.Id ?? "",
            node.Description?.Hostname ?? "",
            node.Status?.Addr ?? "",
            node.Status?.State ?? "unknown",
            node.Spec?.Availability ?? "")).ToArray();

    /// <summary>
    /// The digest the registry has for <paramref name="reference"/> (repo:tag), asked by the manager's engine as
    /// <c>docker stack deploy --resolve-image</c> does (its insecure registries, its network); fails naming the reference otherwise.
    /// </summary>
    public string RegistryDigest(string reference)
    {
        var response = engine.Get($"/{EngineApi.ApiVersion}/distribution/{reference}/json");
        if (response is { Status: 200 } && response.Read(EngineJson.Default.DistributionDocument)?.Descriptor?.Digest is { Length: > 0 } digest)
        {
            return digest;
        }

        var reason = response is null ? "no answer" : $"HTTP {response.Status}: {response.Message}";
        throw new CakeException(SwarmDeployment.SwarmExitCode,
            $"The registry has no digest for {reference} (the engine at {engine.Endpoint} asked it: {reason}). " +
            "Push the images first (Deploy depends on Push; --exclusive skips it), and make sure every node can reach the registry. Nothing was deployed.");
    }

    /// <summary>The stack's networks (the overlay network stack deploy made).</summary>
    public IReadOnlyList<string> Networks(string stack) =>
        Read($"/{EngineApi.ApiVersion}/networks?filters={LabelFilter(stack)}", "/networks", EngineJson.Default.NetworkDocumentArray)
            .Select(network => network.Name ?? "").ToArray();

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

    internal static SwarmTask ReadTask(TaskDocument task)
    {
        var status = task.Status;
        var container = task.Spec?.ContainerSpec;

        // The 20.10 engine lists a host-mode port twice.
        var ports = (status?.PortStatus?.Ports ?? []).Select(port => port.PublishedPort).Where(port => port > 0).Distinct().ToArray();
        var address = (task.NetworksAttachments ?? [])
            .Where(attachment => attachment.Network is { } network && network.Spec?.Name != "ingress")
            .SelectMany(attachment => attachment.Addresses ?? [])
            .Select(cidr => cidr.Split('/')[0]).FirstOrDefault(a => a.Length > 0);
        return new SwarmTask(
            task.Id ?? "",
            task.ServiceId ?? "",
            task.NodeId ?? "",
            status?.State ?? "",
            task.DesiredState ?? "",
            status?.Message ?? "",
            status?.Err,
            container?.Image ?? "",
            address,
            ports,
            Time(status?.Timestamp) ?? DateTimeOffset.MinValue,
            container?.Labels?.GetValueOrDefault(StackLabel));
    }

    private IReadOnlyList<string> Logs(string path) =>
        engine.GetBytes(path) is { Status: 200 } answer ? LogLines(answer.Body) : [];

    private static string LabelFilter(string stack) =>
        Uri.EscapeDataString($"{{\"label\":[\"{StackLabel}={stack}\"]}}");

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private T Read<T>(string path, string what, JsonTypeInfo<T> type) where T : class
    {
        var response = engine.Get(path);
        if (response is not { Status: 200 })
        {
            var reason = response is null ? "no answer" : $"HTTP {response.Status}: {response.Message}";
            throw new CakeException(SwarmDeployment.SwarmExitCode, $"The engine at {engine.Endpoint} did not answer GET {what} ({reason}).");
        }

        return response.Read(type) ?? throw new CakeException(SwarmDeployment.SwarmExitCode,
            $"The engine at {engine.Endpoint} answered GET {what} with something else than its JSON document.");
    }
}
