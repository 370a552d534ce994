using System.Globalization;
using Build.Reporting;

namespace Build.Swarm;

/// <summary>Pure judgements over what the manager answered: tested by table, used by the waiting loop.</summary>
public static class StackConvergence
{
    /// <summary>
    /// Judges one service. An update state counts only when the update started at or after <paramref name="since"/> (the
    /// engine's clock before this Deploy): a rollback of an earlier Deploy stays in the service's status until the next update.
    /// </summary>
    public static ServiceStatus Judge(SwarmService service, IEnumerable<SwarmTask> tasks, IReadOnlyDictionary<string, SwarmNode> nodes, DateTimeOffset since)
    {
        var update = service.UpdateStartedAt is { } started && started >= since ? service.UpdateState : null;
        var running = tasks
            .Where(task => task.ServiceId == service.Id && task.DesiredState == "running" && task.State == "running"
                && nodes.TryGetValue(task.NodeId, out var node) && node.IsReady)
            .ToArray();
        var current = running.Count(task => task.Image == service.Image);
        var outcome = update switch
        {
            "rollback_completed" => ServiceOutcome.RolledBack,
            "paused" or "rollback_paused" => ServiceOutcome.Paused,
            null or "completed" when current == service.Desired && running.Length == service.Desired => ServiceOutcome.Converged,
            _ => ServiceOutcome.Waiting,
        };
        return new ServiceStatus(service, running, update, outcome);
    }

    public static IReadOnlyList<ServiceStatus> JudgeAll(
        IReadOnlyList<SwarmService> services, IReadOnlyList<SwarmTask> tasks, IReadOnlyList<SwarmNode> nodes, DateTimeOffset since)
    {
        var byId = nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        return services.Select(service => Judge(service, tasks, byId, since)).ToArray();
    }

    /// <summary>The live line: <c>[  5s] orchestrator 1/2 healthy (updating), reducer 3/3 healthy</c>.</summary>
    public static string StatusLine(IReadOnlyList<ServiceStatus> services, TimeSpan elapsed) =>
        $"[{elapsed.TotalSeconds,4:0}s] " + (services.Count == 0
            ? "no services yet"
            : string.Join(", ", services.Select(s =>
                $"{s.Service.Name} {s.Healthy}/{s.Service.Desired} healthy" +
                    (s.UpdateState is { } state && state != "completed" ? $" ({state.Replace('_', ' ')})" : ""))));

    /// <summary>
    /// The address a caller reaches a node's published ports on: the node's own address in the swarm, or 127.0.0.1 for
    /// a node that advertises none (a single-node swarm on this machine).
    /// </summary>
    public static string CallerAddress(SwarmNode? node) =>
        node is null || node.Address.Length == 0 || node.Address == "0.0.0.0" ? "127.0.0.1" : node.Address;

    /// <summary>The report's stack object: per service, per running task, node, state, address and endpoints.</summary>
    public static StackEntry Entry(IReadOnlyList<ServiceStatus> services, IReadOnlyList<SwarmNode> nodes)
    {
        var byId = nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        return new StackEntry(services.Select(status => new StackServiceEntry(
            status.Service.Name,
            status.Service.Desired,
            status.Running.Count,
            status.Service.Image,
            status.Running.Select(task =>
            {
                var node = byId.GetValueOrDefault(task.NodeId);
                return new StackTaskEntry(
                    node?.Hostname ?? task.NodeId,
                    task.State,
                    task.Address,
                    task.PublishedPorts.Select(port => $"http://{CallerAddress(node)}:{port.ToString(CultureInfo.InvariantCulture)}").ToArray());
            }).ToArray())).ToArray());
    }

    /// <summary>The final table's rows: service, replicas, nodes, image digest, endpoints.</summary>
    public static IReadOnlyList<string> Table(StackEntry stack)
    {
        var rows = new List<string[]> { new[] { "service", "replicas", "nodes", "image digest", "endpoints" } };
        foreach (var service in stack.Services)
        {
            var image = service.Image ?? "";
            var digest = image.Contains('@', StringComparison.Ordinal) ? image[(image.IndexOf('@', StringComparison.Ordinal) + 1)..] : image;
            rows.Add([
                service.Name,
                $"{service.Running}/{service.Desired}",
                string.Join(",", service.Tasks.Select(task => task.Node ?? "?").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                digest.Length > 19 ? digest[..19] : digest,
                service.Tasks.Any(task => task.Endpoints.Count > 0) ? string.Join(" ", service.Tasks.SelectMany(task => task.Endpoints)) : "-",
            ]);
        }

        var widths = Enumerable.Range(0, 4).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return rows.Select(row => string.Join("  ", row.Take(4).Select((cell, column) => cell.PadRight(widths[column]))) + "  " + row[4]).ToArray();
    }

    /// <summary>
    /// The replicas Deploy asks for: --scale where given, else what the service runs now (a redeploy does not undo an
    /// earlier --scale), else one.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Replicas(
        IEnumerable<string> services, IReadOnlyDictionary<string, int> scale, IReadOnlyList<SwarmService> running)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            result[service] = scale.TryGetValue(service, out var asked) ? asked
                : running.FirstOrDefault(existing => existing.Name == service) is { } current ? current.Desired
                : 1;
        }

        return result;
    }
}
