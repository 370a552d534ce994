using Build.Swarm;

namespace Build.Tests.Swarm;

public sealed class StackConvergenceTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);
    private const string Old = "reg/web:prod@sha256:0ld";
    private const string New = "reg/web:prod@sha256:new";

    private static readonly IReadOnlyDictionary<string, SwarmNode> Nodes = new Dictionary<string, SwarmNode>
    {
        ["n1"] = new("n1", "node-1", "10.0.0.11", "ready", "active"),
        ["n2"] = new("n2", "node-2", "10.0.0.12", "ready", "active"),
        ["n3"] = new("n3", "node-3", "10.0.0.13", "down", "active"),
    };

    private static SwarmService Web(string image, int desired, string? update = null, DateTimeOffset? started = null) =>
        new("s1", "web", "stack_web", image, desired, null, update, update is null ? null : $"update {update}", started ?? Since.AddSeconds(1));

    private static SwarmTask Task(string node, string image, string state = "running", string desired = "running") =>
        new(Guid.NewGuid().ToString("N"), "s1", node, state, desired, state, null, image, "10.1.0.5", [30000], Since, "stack");

    private static IEnumerable<TestCaseData> JudgeCases()
    {
        yield return new TestCaseData(Web(New, 2), new[] { Task("n1", New), Task("n2", New) }, ServiceOutcome.Converged)
            .SetName("Desired_replicas_running_the_current_image_is_converged");
        yield return new TestCaseData(Web(New, 2, "updating"), new[] { Task("n1", New), Task("n2", Old) }, ServiceOutcome.Waiting)
            .SetName("An_update_half_done_is_waiting");
        yield return new TestCaseData(Web(New, 2), new[] { Task("n1", Old), Task("n2", Old) }, ServiceOutcome.Waiting)
            .SetName("Tasks_of_the_old_image_before_the_update_starts_are_waiting");
        yield return new TestCaseData(Web(New, 2), new[] { Task("n1", New), Task("n3", New) }, ServiceOutcome.Waiting)
            .SetName("A_task_on_a_node_that_is_down_does_not_count");
        yield return new TestCaseData(Web(New, 2), new[] { Task("n1", New), Task("n2", New, "starting") }, ServiceOutcome.Waiting)
            .SetName("A_task_still_starting_its_health_check_does_not_count");
        yield return new TestCaseData(Web(Old, 2, "rollback_completed"), new[] { Task("n1", Old), Task("n2", Old) }, ServiceOutcome.RolledBack)
            .SetName("A_completed_rollback_is_a_failure_even_when_every_replica_runs");
        yield return new TestCaseData(Web(New, 2, "paused"), new[] { Task("n1", Old), Task("n2", Old) }, ServiceOutcome.Paused)
            .SetName("A_paused_update_is_a_failure");
        yield return new TestCaseData(
                Web(Old, 2, "rollback_completed", Since.AddMinutes(-5)), new[] { Task("n1", Old), Task("n2", Old) }, ServiceOutcome.Converged)
            .SetName("A_rollback_of_an_earlier_deploy_is_not_this_one");
        yield return new TestCaseData(Web(New, 1, "completed"), new[] { Task("n1", New), Task("n2", New, "running", "shutdown") }, ServiceOutcome.Converged)
            .SetName("A_task_being_shut_down_does_not_count_after_a_scale_down");
    }

    [TestCaseSource(nameof(JudgeCases))]
    public void Judge_tells_where_a_service_stands(SwarmService service, SwarmTask[] tasks, ServiceOutcome expected) =>
        Assert.That(StackConvergence.Judge(service, tasks, Nodes, Since).Outcome, Is.EqualTo(expected));

    [Test]
    public void Status_line_shows_healthy_of_desired_and_the_update_state()
    {
        var statuses = new[]
        {
            StackConvergence.Judge(Web(New, 2, "updating"), [Task("n1", New), Task("n2", Old)], Nodes, Since),
            StackConvergence.Judge(Web(New, 3, "completed") with { Name = "db", Id = "s1" }, [Task("n1", New), Task("n2", New)], Nodes, Since),
        };
        Assert.That(StackConvergence.StatusLine(statuses, TimeSpan.FromSeconds(7)), Is.EqualTo("[   7s] web 1/2 healthy (updating), db 2/3 healthy"));
    }

    [Test]
    public void Report_entry_lists_running_tasks_with_node_names_and_endpoints()
    {
        var status = StackConvergence.Judge(Web(New, 2), [Task("n1", New), Task("n2", New)], Nodes, Since);
        var entry = StackConvergence.Entry([status], Nodes.Values.ToArray());
        var service = entry.Services.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((service.Name, service.Desired, service.Running, service.Image), Is.EqualTo(("web", 2, 2, New)));
            Assert.That(service.Tasks.Select(task => task.Node), Is.EqualTo(new[] { "node-1", "node-2" }));
            Assert.That(service.Tasks.SelectMany(task => task.Endpoints), Is.EqualTo(new[] { "http://10.0.0.11:30000", "http://10.0.0.12:30000" }));
            Assert.That(service.Tasks.Select(task => task.State), Is.All.EqualTo("running"));
        }
    }

    private static IEnumerable<TestCaseData> AddressCases()
    {
        yield return new TestCaseData(new SwarmNode("n", "h", "10.0.0.11", "ready", "active"), "10.0.0.11").SetName("A_node_is_reached_at_its_swarm_address");
        yield return new TestCaseData(new SwarmNode("n", "h", "0.0.0.0", "ready", "active"), "127.0.0.1").SetName("A_node_without_an_address_is_this_machine");
        yield return new TestCaseData(null, "127.0.0.1").SetName("An_unknown_node_is_this_machine");
    }

    [TestCaseSource(nameof(AddressCases))]
    public void Caller_address_of_a_node(SwarmNode? node, string expected) =>
        Assert.That(StackConvergence.CallerAddress(node), Is.EqualTo(expected));

    [Test]
    public void Replicas_come_from_scale_then_the_running_service_then_one()
    {
        var replicas = StackConvergence.Replicas(["db", "web", "cache"], new Dictionary<string, int> { ["web"] = 4 }, [Web(New, 2) with { Name = "db" }]);
        Assert.That(replicas, Is.EqualTo(new SortedDictionary<string, int> { ["cache"] = 1, ["db"] = 2, ["web"] = 4 }));
    }

    [Test]
    public void Table_shows_replicas_nodes_digest_and_endpoints()
    {
        var status = StackConvergence.Judge(Web(New, 2), [Task("n1", New), Task("n2", New)], Nodes, Since);
        var rows = StackConvergence.Table(StackConvergence.Entry([status], Nodes.Values.ToArray()));
        Assert.That(rows, Is.EqualTo(new[]
        {
            "service  replicas  nodes          image digest  endpoints",
            "web      2/2       node-1,node-2  sha256:new    http://10.0.0.11:30000 http://10.0.0.12:30000",
        }));
    }

    [Test]
    public void Log_stream_frames_are_split_into_lines()
    {
        static byte[] Frame(byte stream, string text)
        {
            var payload = System.Text.Encoding.UTF8.GetBytes(text);
            return [stream, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        }

        byte[] stream = [.. Frame(1, "listening\n"), .. Frame(2, "healthcheck http://127.0.0.1:8060/health: HTTP Error 503\n")];
        Assert.That(SwarmApi.LogLines(stream), Is.EqualTo(new[] { "listening", "healthcheck http://127.0.0.1:8060/health: HTTP Error 503" }));
    }
}
