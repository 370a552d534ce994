using Cake.Core;

namespace Build.Reporting;

/// <summary>
/// The task graph of one run, read from Cake's own plan (the tasks passed to Setup, with the dependencies and
/// dependees the shim registered from <c>[IsDependentOn]</c>/<c>[IsDependeeOf]</c>), and the facts the views draw
/// from it: layers for the drawing, the critical path. Pure functions, shared by the HTML report and the step summary.
/// </summary>
public static class TaskGraph
{
    /// <summary>The edges between planned tasks: a dependency runs before its dependent, a dependee after its task.</summary>
    public static IReadOnlyList<TaskEdge> Edges(IReadOnlyCollection<ICakeTaskInfo> planned)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in planned)
        {
            names[task.Name] = task.Name;
        }

        var edges = new List<TaskEdge>();
        foreach (var task in planned)
        {
            edges.AddRange(task.Dependencies.Where(dependency => names.ContainsKey(dependency.Name))
                .Select(dependency => new TaskEdge(names[dependency.Name], task.Name, TaskEdgeKinds.Dependency)));
            edges.AddRange(task.Dependees.Where(dependee => names.ContainsKey(dependee.Name))
                .Select(dependee => new TaskEdge(task.Name, names[dependee.Name], TaskEdgeKinds.Dependee)));
        }

        // One edge per pair of tasks: an [IsDependeeOf] that repeats an [IsDependentOn] adds nothing.
        return edges.GroupBy(edge => (edge.From.ToUpperInvariant(), edge.To.ToUpperInvariant())).Select(group => group.First()).ToArray();
    }

    /// <summary>The command line's targets as the plan spells them (Cake matches names case-insensitively).</summary>
    public static IReadOnlyList<string> Targets(IEnumerable<string> requested, IEnumerable<string> planned)
    {
        var names = planned.ToList();
        return requested
            .Select(target => names.FirstOrDefault(name => string.Equals(name, target, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The chain of tasks, along the edges, with the largest sum of durations that ends at a target: the tasks
    /// that made the run as long as it was. In run order.
    /// </summary>
    public static IReadOnlyList<string> CriticalPath(BuildReportDocument report)
    {
        var order = report.Tasks.Select(task => task.Name).ToList();
        var duration = report.Tasks.ToDictionary(task => task.Name, task => task.DurationSeconds, StringComparer.Ordinal);
        var incoming = Incoming(report);
        var longest = new Dictionary<string, (double Total, string? Previous)>(StringComparer.Ordinal);
        foreach (var name in TopologicalOrder(order, incoming))
        {
            var best = incoming[name].Where(longest.ContainsKey).Select(from => (Total: longest[from].Total, From: from))
                .OrderByDescending(candidate => candidate.Total).ThenBy(candidate => order.IndexOf(candidate.From)).FirstOrDefault();
            longest[name] = (duration[name] + (best.From is null ? 0 : best.Total), best.From);
        }

        var ends = (report.Targets is { Count: > 0 } targets ? targets : order).Where(longest.ContainsKey).ToList();
        if (ends.Count == 0)
        {
            return [];
        }

        var end = ends.OrderByDescending(name => longest[name].Total).ThenByDescending(name => order.IndexOf(name)).First();
        var path = new List<string>();
        for (string? name = end; name is not null; name = longest[name].Previous)
        {
            path.Add(name);
        }

        path.Reverse();
        return path;
    }

    /// <summary>The column of each task in the drawing: the number of edges on the longest way to it from a task with no predecessor.</summary>
    public static IReadOnlyDictionary<string, int> Layers(BuildReportDocument report)
    {
        var order = report.Tasks.Select(task => task.Name).ToList();
        var incoming = Incoming(report);
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in TopologicalOrder(order, incoming))
        {
            layers[name] = incoming[name].Where(layers.ContainsKey).Select(from => layers[from] + 1).DefaultIfEmpty(0).Max();
        }

        return layers;
    }

    private static Dictionary<string, List<string>> Incoming(BuildReportDocument report)
    {
        var incoming = report.Tasks.ToDictionary(task => task.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in report.Edges ?? [])
        {
            if (incoming.TryGetValue(edge.To, out var from) && incoming.ContainsKey(edge.From))
            {
                from.Add(edge.From);
            }
        }

        return incoming;
    }

    /// <summary>The tasks so that every task comes after its predecessors; run order breaks ties (Cake's plan is acyclic).</summary>
    private static List<string> TopologicalOrder(List<string> order, Dictionary<string, List<string>> incoming)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var sorted = new List<string>();
        while (sorted.Count < order.Count)
        {
            var next = order.FirstOrDefault(name => !done.Contains(name) && incoming[name].All(done.Contains))
                ?? order.First(name => !done.Contains(name));
            done.Add(next);
            sorted.Add(next);
        }

        return sorted;
    }
}
