namespace Build.Stack;

public static class StackHealth
{
    public static IReadOnlyList<ServiceHealth> Summarise(IEnumerable<ContainerState> containers) =>
        containers
            .Where(container => container.Status != "exited" || container.HasFailed)
            .GroupBy(container => container.Service, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ServiceHealth(group.Key, group.Count(), group.Count(c => c.IsReady), group.Count(c => c.HasFailed)))
            .ToArray();

    public static string StatusLine(IReadOnlyList<ServiceHealth> services, TimeSpan elapsed) =>
        $"[{elapsed.TotalSeconds,4:0}s] " + (services.Count == 0
            ? "no containers yet"
            : string.Join(", ", services.Select(s => $"{s.Service} {s.Healthy}/{s.Replicas} healthy")));
}
