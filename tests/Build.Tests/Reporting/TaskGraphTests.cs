using Build.Reporting;
using Cake.Core;

namespace Build.Tests.Reporting;

public sealed class TaskGraphTests
{
    private sealed record PlannedTask(string Name, IReadOnlyList<CakeTaskDependency> Dependencies, IReadOnlyList<CakeTaskDependency> Dependees) : ICakeTaskInfo
    {
        public string Description => "";

        public static PlannedTask Of(string name, string[]? dependsOn = null, string[]? dependeeOf = null) =>
            new(name,
                (dependsOn ?? []).Select(task => new CakeTaskDependency(task, true)).ToList(),
                (dependeeOf ?? []).Select(task => new CakeTaskDependency(task, true)).ToList());
    }

    [Test]
    public void Edges_come_from_dependencies_and_dependees_between_planned_tasks_only()
    {
        var edges = TaskGraph.Edges(
        [
            PlannedTask.Of("EnsureLock"),
            PlannedTask.Of("BuildOrchestrator", dependsOn: ["EnsureLock"]),
            PlannedTask.Of("Verify", dependsOn: ["BuildOrchestrator"], dependeeOf: ["production", "Push"]),
            PlannedTask.Of("Production", dependsOn: ["BuildOrchestrator"]),
        ]);
        Assert.That(edges, Is.EqualTo(new[]
        {
            new TaskEdge("EnsureLock", "BuildOrchestrator", TaskEdgeKinds.Dependency),
            new TaskEdge("BuildOrchestrator", "Verify", TaskEdgeKinds.Dependency),
            new TaskEdge("Verify", "Production", TaskEdgeKinds.Dependee),
            new TaskEdge("BuildOrchestrator", "Production", TaskEdgeKinds.Dependency),
        }));
    }

    [Test]
    public void An_edge_declared_both_ways_is_drawn_once()
    {
        var edges = TaskGraph.Edges([PlannedTask.Of("A", dependeeOf: ["B"]), PlannedTask.Of("B", dependsOn: ["A"])]);
        Assert.That(edges, Has.Count.EqualTo(1));
    }

    [Test]
    public void Critical_path_is_the_longest_chain_of_durations_that_ends_at_a_target()
    {
        var report = Report(
            [("EnsureLock", 0.1), ("BuildOrchestrator", 5), ("BuildReducer", 1), ("Verify", 0.5), ("Production", 0)],
            [
                ("EnsureLock", "BuildOrchestrator"), ("EnsureLock", "BuildReducer"), ("BuildOrchestrator", "Verify"), ("BuildReducer", "Verify"),
                ("Verify", "Production"), ("BuildOrchestrator", "Production"), ("BuildReducer", "Production"),
            ]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TaskGraph.CriticalPath(report), Is.EqualTo(new[] { "EnsureLock", "BuildOrchestrator", "Verify", "Production" }));
            Assert.That(TaskGraph.Layers(report), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["EnsureLock"] = 0, ["BuildOrchestrator"] = 1, ["BuildReducer"] = 1, ["Verify"] = 2, ["Production"] = 3,
            }));
        }
    }

    [Test]
    public void Targets_are_spelled_as_the_plan_spells_them()
    {
        Assert.That(TaskGraph.Targets(["production", "nothing"], ["EnsureLock", "Production"]), Is.EqualTo(new[] { "Production" }));
    }

    internal static BuildReportDocument Report((string Name, double Seconds)[] tasks, (string From, string To)[] edges)
    {
        var start = 0.0;
        var entries = tasks.Select(task =>
        {
            var entry = new TaskEntry(task.Name, TaskStatuses.Succeeded, task.Seconds, StartSeconds: start);
            start += task.Seconds;
            return entry;
        }).ToArray();
        return new BuildReportDocument(1, tasks[^1].Name, false, TaskStatuses.Succeeded, DateTimeOffset.UnixEpoch, start, "0.1.0", null, null,
            entries, [], null, null,
            Targets: [tasks[^1].Name], Edges: edges.Select(edge => new TaskEdge(edge.From, edge.To, TaskEdgeKinds.Dependency)).ToArray());
    }
}
