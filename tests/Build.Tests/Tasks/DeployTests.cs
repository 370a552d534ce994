using System.Diagnostics;
using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>
/// Deploy and Undeploy on a real 3-node swarm (scripts/swarm-lab.sh, started here and removed at the end), in order:
/// deploy 2/3 over several nodes, a job split over every reducer, scale down and up, a new reducer (its Dockerfile only)
/// that exits at start, rolled back with the orchestrator's tasks untouched and the report still naming its address, a
/// rolling update with a request loop through the orchestrator's stable addresses that sees no failure, a worker lost and healed,
/// Undeploy, and the lab's `down`. The images are built on the lab's manager from a scratch copy of the repository.
/// </summary>
[Category("Docker")]
[Category("Swarm")]
[Category("Debian12")]
[NonParallelizable]
[Category("Host")]
public sealed class DeployTests
{
    private const string Stack = "bridge-swarm-test";
    private static readonly string[] BaseImages = ["omninode/python:3.11-bookworm", "omninode/poetry:1.3.2-bookworm"];

    private SwarmLab _lab = null!;
    private ScratchRepository _repository = null!;
    private StackClient _client = null!;
    private string _archive = null!;

    [OneTimeSetUp]
    public void Start()
    {
        SwarmLab.Require();
        _archive = Path.Combine(Path.GetTempPath(), $"bridge-swarm-images-{Guid.NewGuid():N}.tar");
        var (saved, output) = DockerEngineRequirement.Docker(["save", "-o", _archive, .. BaseImages]);
        Assert.That(saved, Is.Zero, $"the base images must be on the test engine (scripts/base-images.sh): {output}");
        _lab = SwarmLab.Up(3, _archive);
        _repository = new ScratchRepository();
        // A git repository, so each Deploy after a commit pushes a new sha- tag, as CI does: an image that did not change
        // must then leave its service alone.
        Git("init", "-q");
        Git("add", "-A");
        Commit("the scratch copy");
        _client = new StackClient(_lab.ManagerSocket, Stack);
    }

    private void Git(params string[] arguments)
    {
        var (exitCode, output) = DockerEngineRequirement.Run("git", ["-C", _repository.Root, .. arguments]);
        Assert.That(exitCode, Is.Zero, $"git {string.Join(" ", arguments)}: {output}");
    }

    private void Commit(string message) =>
        Git("-c", "user.name=Deploy test", "-c", "user.email=deploy-test@localhost", "commit", "-q", "-a", "--allow-empty", "-m", message);

    /// <summary>The orchestrator's stable address on every node: what a load balancer holds (refused where no task runs).</summary>
    private IReadOnlyList<string> StableEndpoints => _lab.NodeAddresses.Select(address => $"http://{address}:{OrchestratorPort}").ToArray();

    private const int OrchestratorPort = 18060;

    private IReadOnlyList<string> TaskIds(string service)
    {
        var id = _client.Api.Services(Stack).Single(candidate => candidate.Name == service).Id;
        return _client.Api.Tasks(Stack).Where(task => task.DesiredState == "running" && task.ServiceId == id)
            .Select(task => task.Id).Order(StringComparer.Ordinal).ToArray();
    }

    private static IReadOnlyList<string> Endpoints(JsonElement stack, string service) =>
        Service(stack, service).GetProperty("tasks").EnumerateArray().SelectMany(task => task.GetProperty("endpoints").EnumerateArray())
            .Select(endpoint => endpoint.GetString() ?? "").Order(StringComparer.Ordinal).ToArray();

    [OneTimeTearDown]
    public void Stop()
    {
        _client?.Dispose();
        _repository?.Dispose();
        if (_archive is not null && File.Exists(_archive))
        {
            File.Delete(_archive);
        }

        SwarmLab.Run("down");
    }

    private HostResult Host(params string[] arguments) =>
        HostRun.In(_repository.Root, new Dictionary<string, string> { ["DOCKER_HOST"] = _lab.DockerHost },
            [
                .. arguments, $"--project-name={Stack}", $"--registry={_lab.Registry}", $"--docker={DockerEngineRequirement.BuildKitClient}",
                "--wait-timeout=240",
            ]);

    private JsonElement ReportStack()
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_repository.Root, "artifacts", "build-report.json")));
        return report.RootElement.GetProperty("stack").Clone();
    }

    /// <summary>One test, since each step needs the one before; the assertion messages say which step broke.</summary>
    [Test]
    public void Stack_deploys_serves_scales_rolls_rolls_back_heals_and_goes_away_on_three_nodes()
    {
        Deploy_2_3_runs_tasks_on_at_least_two_nodes();
        A_job_is_answered_with_parts_from_every_reducer_replica();
        Scale_down_and_up_keeps_the_other_service_as_it_runs();
        A_reducer_that_exits_at_start_is_rolled_back_and_the_orchestrator_is_left_as_it_runs();
        A_rolling_update_to_new_images_answers_every_request();
        A_lost_worker_is_healed_on_the_remaining_nodes_and_the_stack_answers();
        Undeploy_leaves_no_service_task_or_network();
        Lab_down_leaves_no_namespace_bridge_rule_process_or_data();
    }

    private static JsonElement Service(JsonElement stack, string name) =>
        stack.GetProperty("services").EnumerateArray().Single(service => service.GetProperty("name").GetString() == name);

    private void Deploy_2_3_runs_tasks_on_at_least_two_nodes()
    {
        var result = Host("--target=Deploy", "--scale=orchestrator=2", "--scale=reducer=3");
        Assert.That(result.ExitCode, Is.Zero, result.All);
        var stack = ReportStack();
        var nodes = stack.GetProperty("services").EnumerateArray().SelectMany(service => service.GetProperty("tasks").EnumerateArray())
            .Select(task => task.GetProperty("node").GetString()).Distinct().ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Service(stack, "orchestrator").GetProperty("running").GetInt32(), Is.EqualTo(2));
            Assert.That(Service(stack, "reducer").GetProperty("running").GetInt32(), Is.EqualTo(3));
            Assert.That(nodes, Has.Length.GreaterThanOrEqualTo(2), result.Output);
            Assert.That(Service(stack, "orchestrator").GetProperty("tasks").EnumerateArray().Select(task => task.GetProperty("endpoints").GetArrayLength()),
                Is.All.EqualTo(1));
            // One orchestrator per node, on the fixed port: its endpoints are stable addresses of two different nodes.
            Assert.That(Endpoints(stack, "orchestrator"), Is.SubsetOf(StableEndpoints).And.Unique.And.Count.EqualTo(2));
            Assert.That(Service(stack, "orchestrator").GetProperty("image").GetString(), Does.Contain("/orchestrator@sha256:"));
            Assert.That(Service(stack, "reducer").GetProperty("tasks").EnumerateArray().Select(task => task.GetProperty("endpoints").GetArrayLength()),
                Is.All.Zero);
            Assert.That(result.Output, Does.Contain("converged in").And.Contain("orchestrator 2/2 healthy"));
        }
    }

    private void A_job_is_answered_with_parts_from_every_reducer_replica()
    {
        var retried = 0;
        var endpoints = _client.OrchestratorEndpoints();
        Assert.That(endpoints, Has.Count.EqualTo(2));
        foreach (var endpoint in endpoints)
        {
            var answer = _client.Job([endpoint], 12, ref retried);
            Assert.That(answer, Is.Not.Null, $"{endpoint} did not answer");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(answer!.Value.GetProperty("total").GetInt32(), Is.EqualTo(78));
                Assert.That(answer.Value.GetProperty("instances").GetArrayLength(), Is.EqualTo(3), answer.Value.ToString());
            }
        }
    }

    private void Scale_down_and_up_keeps_the_other_service_as_it_runs()
    {
        var orchestratorTasks = TaskIds("orchestrator");
        var down = Host("--target=Deploy", "--exclusive", "--scale=reducer=1");
        Assert.That(down.ExitCode, Is.Zero, down.All);
        var afterDown = ReportStack();
        var up = Host("--target=Deploy", "--exclusive", "--scale=reducer=3");
        Assert.That(up.ExitCode, Is.Zero, up.All);
        var afterUp = ReportStack();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Service(afterDown, "reducer").GetProperty("running").GetInt32(), Is.EqualTo(1));
            Assert.That(Service(afterDown, "orchestrator").GetProperty("running").GetInt32(), Is.EqualTo(2));
            Assert.That(Service(afterUp, "reducer").GetProperty("running").GetInt32(), Is.EqualTo(3));
            Assert.That(down.Output, Does.Contain(" ORCHESTRATOR_REPLICAS=2 ").And.Contain(" REDUCER_REPLICAS=1 "));
            Assert.That(TaskIds("orchestrator"), Is.EqualTo(orchestratorTasks), "scaling the reducer leaves the orchestrator's tasks as they run");
        }
    }

    private void A_rolling_update_to_new_images_answers_every_request()
    {
        var before = ReportStack();
        // A new image of both services: one line more in the code of each.
        foreach (var module in new[] { "orchestrator.py", "reducer.py" })
        {
            File.AppendAllText(_repository.PathOf($"src/omninode_bridge/{module}"), "\n# rolling update test\n");
        }

        Commit("a new image of both services");
        // Through the stable addresses only, as a load balancer: the next node when one refuses.
        using var loop = new RequestLoop(_client, StableEndpoints);
        var result = Host("--target=Deploy");
        loop.Stop();
        Assert.That(result.ExitCode, Is.Zero, result.All);
        var after = ReportStack();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Service(after, "orchestrator").GetProperty("image").GetString(),
                Is.Not.EqualTo(Service(before, "orchestrator").GetProperty("image").GetString()));
            Assert.That(Service(after, "reducer").GetProperty("image").GetString(),
                Is.Not.EqualTo(Service(before, "reducer").GetProperty("image").GetString()));
            Assert.That(Endpoints(after, "orchestrator"), Is.SubsetOf(StableEndpoints));
            Assert.That(result.Output, Does.Contain("(updating)"));
            Assert.That(loop.Requests, Is.GreaterThan(20), "the request loop ran during the update");
            Assert.That(loop.Failed, Is.Zero,
                $"{loop.Failed} of {loop.Requests} requests failed ({loop.Retried} retried on another endpoint): {string.Join("; ", loop.Reasons)}");
        }

        TestContext.Out.WriteLine(
            $"rolling update through the stable addresses: {loop.Requests} requests, {loop.Failed} failed, {loop.Retried} retried on another node");
    }

    private void A_reducer_that_exits_at_start_is_rolled_back_and_the_orchestrator_is_left_as_it_runs()
    {
        // Only the reducer's image changes: its Dockerfile (both images hold the whole Python package, so a change under
        // src/ would change both). Its process exits at start, as a bad configuration would make it.
        var dockerfile = _repository.PathOf("deployment/Dockerfile.reducer");
        var good = File.ReadAllText(dockerfile);
        const string entrypoint = "ENTRYPOINT [\"python\", \"-m\", \"omninode_bridge.reducer\"]";
        var production = good.IndexOf(entrypoint, StringComparison.Ordinal);
        Assert.That(production, Is.GreaterThan(0), "the reducer's production ENTRYPOINT moved; update this test");
        var before = ReportStack();
        var running = Service(before, "reducer").GetProperty("image").GetString();
        var orchestratorTasks = TaskIds("orchestrator");
        File.WriteAllText(dockerfile, good.Insert(production + entrypoint.Length,
            "\nENTRYPOINT [\"python\", \"-c\", \"import sys; sys.exit('reducer broken on purpose')\"]"));
        // A new commit: both services get a new sha- tag, only the reducer a new image.
        Commit("a reducer that exits at start");
        try
        {
            var result = Host("--target=Deploy");
            TestContext.Out.WriteLine(result.All);
            var after = ReportStack();
            var retried = 0;
            var answer = _client.Job(StableEndpoints, 3, ref retried);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.StackNotAsAsked), result.All);
                Assert.That(result.All, Does.Contain($"reducer rolled back to {running}"));
                Assert.That(result.All, Does.Contain("non-zero exit (1)").And.Contain("reducer broken on purpose"));
                Assert.That(TaskIds("orchestrator"), Is.EqualTo(orchestratorTasks), "the orchestrator's image did not change: its tasks must be the same");
                Assert.That(after.ValueKind, Is.EqualTo(JsonValueKind.Object), "the failed Deploy's report has the stack as it runs afterwards");
                Assert.That(Service(after, "reducer").GetProperty("image").GetString(), Is.EqualTo(running));
                Assert.That(Endpoints(after, "orchestrator"), Is.EqualTo(Endpoints(before, "orchestrator")), "the same address as the Deploy before it");
                Assert.That(answer, Is.Not.Null, "the stack answers at the stable address after the rollback");
                Assert.That(answer?.GetProperty("total").GetInt32(), Is.EqualTo(78));
            }
        }
        finally
        {
            File.WriteAllText(dockerfile, good);
            Commit("the reducer starts again");
        }
    }

    private void A_lost_worker_is_healed_on_the_remaining_nodes_and_the_stack_answers()
    {
        // The worker with the most tasks; node 1 is the manager and stays.
        var stack = _client.Stack();
        var worker = stack.Services.SelectMany(service => service.Tasks).Select(task => task.Node ?? "")
            .Where(node => node.Length > 0 && node != $"{SwarmLab.Name}-1").GroupBy(node => node).OrderByDescending(group => group.Count()).First().Key;
        var number = int.Parse(worker[(worker.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _lab.StopNode(number);
        try
        {
            var clock = Stopwatch.StartNew();
            Build.Reporting.StackEntry healed;
            while (true)
            {
                healed = _client.Stack();
                if (healed.Services.All(service => service.Running == service.Desired && service.Tasks.All(task => task.Node != worker)))
                {
                    break;
                }

                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)),
                    $"not healed after {worker} stopped: {string.Join(", ", healed.Services.Select(s => $"{s.Name} {s.Running}/{s.Desired}"))}");
                Thread.Sleep(1000);
            }

            TestContext.Out.WriteLine($"healed {clock.Elapsed.TotalSeconds:0.0} s after {worker} stopped");
            var retried = 0;
            var answer = _client.Job(_client.OrchestratorEndpoints(), 6, ref retried);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(answer, Is.Not.Null, "the stack answers after healing");
                Assert.That(answer!.Value.GetProperty("total").GetInt32(), Is.EqualTo(78));
            }
        }
        finally
        {
            _lab.StartNode(number);
        }
    }

    private void Undeploy_leaves_no_service_task_or_network()
    {
        var result = Host("--target=Undeploy");
        var api = _client.Api;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain($"Stack {Stack}: no service, task or network left"));
            Assert.That(api.Services(Stack), Is.Empty);
            Assert.That(api.Tasks(Stack), Is.Empty);
            Assert.That(api.Networks(Stack), Is.Empty);
        }
    }

    private void Lab_down_leaves_no_namespace_bridge_rule_process_or_data()
    {
        var (exitCode, output) = SwarmLab.Run("down");
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(SwarmLab.Leftovers(), Is.Empty);
    }
}
