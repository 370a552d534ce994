using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Swarm;

/// <summary>
/// The one-machine path on the test engine itself: Deploy on an engine in no swarm fails and names --swarm-init; with
/// --swarm-init it becomes a single-node swarm, the stack serves a job on 127.0.0.1, and Undeploy removes it. The swarm
/// is left again at the end, so the engine is as it was.
/// </summary>
[Category("Docker")]
[Category("Swarm")]
[NonParallelizable]
[Category("Host")]
public sealed class SwarmDeploymentTests
{
    private const string Stack = "bridge-single-node-test";
    private LocalRegistry _registry = null!;
    private bool _initialised;

    [OneTimeSetUp]
    public void Start()
    {
        LocalRegistry.Require();
        var (exitCode, state) = DockerEngineRequirement.Docker("info", "--format", "{{.Swarm.LocalNodeState}}");
        Assert.That(exitCode, Is.Zero, state);
        if (state.Trim() != "inactive")
        {
            Assert.Ignore($"The test engine is in a swarm already (state {state.Trim()}); this test needs one in none, to make it a swarm and leave it again.");
        }

        _registry = new LocalRegistry();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_initialised)
        {
            Host("--target=Undeploy");
            DockerEngineRequirement.Docker("swarm", "leave", "--force");
        }

        _registry?.Dispose();
    }

    private HostResult Host(params string[] arguments) =>
        HostRun.In(HostRun.RepositoryRoot, null,
            [.. arguments, $"--project-name={Stack}", $"--registry={_registry.Address}/omninode",
                $"--docker={DockerEngineRequirement.BuildKitClient}", "--wait-timeout=180",
                $"--report={Path.Combine(Path.GetTempPath(), Stack + "-report.json")}"]);

    [Test]
    public void Deploy_on_an_engine_in_no_swarm_names_the_fix_and_swarm_init_deploys_there()
    {
        var refused = Host("--target=Deploy");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.NotASwarmManager), refused.All);
            Assert.That(refused.All, Does.Contain("is not a swarm manager (swarm state: inactive)").And.Contain("--swarm-init"));
            Assert.That(refused.All, Does.Not.Contain("   at "), "no stack trace");
        }

        _initialised = true;
        var deployed = Host("--target=Deploy", "--exclusive", "--swarm-init");
        Assert.That(deployed.ExitCode, Is.Zero, deployed.All);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetTempPath(), Stack + "-report.json")));
        var endpoints = report.RootElement.GetProperty("stack").GetProperty("services").EnumerateArray()
            .SelectMany(service => service.GetProperty("tasks").EnumerateArray()).SelectMany(task => task.GetProperty("endpoints").EnumerateArray())
            .Select(endpoint => endpoint.GetString()!).ToArray();
        Assert.That(endpoints, Has.Length.EqualTo(1).And.All.StartsWith("http://127.0.0.1:"));
        using var client = new StackClient("/dev/null", Stack);
        var retried = 0;
        var answer = client.Job(endpoints, 2, ref retried);
        Assert.That(answer?.GetProperty("total").GetInt32(), Is.EqualTo(78));

        var removed = Host("--target=Undeploy");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed.ExitCode, Is.Zero, removed.All);
            Assert.That(removed.Output, Does.Contain($"Stack {Stack}: no service, task or network left"));
        }
    }
}
