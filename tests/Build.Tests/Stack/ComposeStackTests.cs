using Build.Context;
using Build.Stack;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Compose;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Stack;

/// <summary>
/// In-process with the recording process runner: the command lines of the stack. On a real engine: every
/// `compose up` of a run names the replica counts, so re-running Scale (with its ComposeUp dependency, not
/// --exclusive) and a plain ComposeUp on a scaled stack keep every healthy container: same ids.
/// </summary>
[NonParallelizable]
public sealed class ComposeStackTests
{
    private const string Project = "bridge-replicas-test";

    private const string RunningReducer = """
        {"Id":"c1","Name":"/omninode-bridge_reducer_1","State":{"Status":"running","Health":{"Status":"healthy"}},
         "Config":{"Labels":{"com.docker.compose.service":"reducer"}}}
        """;

    // Image names of its own: the stack's builds would otherwise tag (or rebuild) the user's orchestrator:prod and reducer:prod.
    private static readonly string Registry = $"compose-stack-test.local/{Guid.NewGuid():N}"[..40];

    private static HostResult Host(params string[] arguments) =>
        HostRun.In(HostRun.RepositoryRoot, null, [.. arguments, $"--project-name={Project}", $"--docker={DockerEngineRequirement.BuildKitClient}",
            "--build-target=production", $"--registry={Registry}"]);

    private const string RunningOrchestrator = """
        {"Id":"c2","Name":"/omninode-bridge_orchestrator_1","State":{"Status":"running","Health":{"Status":"healthy"}},
         "Config":{"Labels":{"com.docker.compose.service":"orchestrator"}}}
        """;

    private static (ComposeStack Stack, RecordingProcessRunner Processes, ProcessContext Cake) Stack(
        ScalePlan scale, bool dryRun = false, int upExitCode = 0, bool bothRun = false)
    {
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) =>
                arguments.StartsWith("ps ", StringComparison.Ordinal) ? (0, bothRun ? ["c1", "c2"] : ["c1"])
                : arguments.StartsWith("container inspect", StringComparison.Ordinal)
                    ? (0, [bothRun ? $"[{RunningReducer},{RunningOrchestrator}]" : $"[{RunningReducer}]"])
                : arguments.Contains(" up ", StringComparison.Ordinal)
                    ? (upExitCode, upExitCode == 0 ? [] : ["Error response from daemon: port is already allocated"])
                : (0, []),
        };
        var cake = new ProcessContext(processes);
        var runner = RunServices.Runner(cake, dryRun);
        var root = new DirectoryPath("/repo");
        var project = new ComposeProject(["deployment/docker-compose.bridge.yml"], "omninode-bridge", new Dictionary<string, string>());
        var tools = new StackTools(runner, () => new DockerCommands("docker", root),
            () => new ComposeCommands(ComposeClient.V2("docker", "2.27.0"), project, root), () => null);
        var options = new StackOptions("omninode-bridge", scale, TimeSpan.FromSeconds(5), DownOnFailure: false, RemoveVolumes: false);
        return (new ComposeStack(options, tools, cake.Log, new Interruption(), RunServices.Effects(dryRun)), processes, cake);
    }

    private static ScalePlan Scale(string service, int replicas) => new(new Dictionary<string, int> { [service] = replicas });

    [Test]
    public void Up_names_the_running_replicas_with_the_scale_counts_over_them()
    {
        var (stack, processes, _) = Stack(Scale("orchestrator", 3));
        stack.Up(noRecreate: true);
        Assert.That(processes.CommandLines.Last(), Is.EqualTo(
            "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge " +
            "up --detach --no-build --no-recreate --scale orchestrator=3 --scale reducer=1"));
    }

    [Test]
    public void On_a_running_stack_each_service_is_recreated_by_its_own_up_without_its_dependencies()
    {
        var (stack, processes, _) = Stack(Scale("reducer", 2), bothRun: true);
        stack.Up();
        var ups = processes.CommandLines.Where(line => line.Contains(" up ", StringComparison.Ordinal)).ToList();
        Assert.That(ups, Is.EquivalentTo(new[]
        {
            "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge " +
            "up --detach --no-build --no-deps --scale orchestrator=1 orchestrator",
            "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge " +
            "up --detach --no-build --no-deps --scale reducer=2 reducer",
        }));
    }

    [Test]
    public void A_stack_that_does_not_run_whole_starts_in_dependency_order_with_one_up()
    {
        var (stack, processes, _) = Stack(ScalePlan.None);
        stack.Up();
        Assert.That(processes.CommandLines.Where(line => line.Contains(" up ", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge up --detach --no-build --scale reducer=1",
        }));
    }

    [Test]
    public void A_failed_compose_up_names_composes_error_line_and_exits_with_the_stack_code()
    {
        var (stack, _, _) = Stack(ScalePlan.None, upExitCode: 1);
        var failure = Assert.Throws<CakeException>(() => stack.Up());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.StackNotAsAsked));
            Assert.That(failure.Message, Does.Contain("failed (exit code 1): Error response from daemon: port is already allocated"));
        }
    }

    [Test]
    public void In_a_dry_run_up_asks_the_engine_nothing_and_the_wait_only_says_what_it_would_wait_for()
    {
        var (stack, processes, cake) = Stack(Scale("reducer", 2), dryRun: true);
        stack.Up();
        var services = stack.WaitUntilHealthy();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.Empty);
            Assert.That(services, Is.Empty);
            Assert.That(cake.CollectedLog.Lines, Has.Some.Contains(
                "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge up --detach --no-build --scale reducer=2"));
            Assert.That(cake.CollectedLog.Lines, Has.Some.EqualTo("  then wait until every container of project omninode-bridge is healthy (at most 5 s)"));
        }
    }

    [Test]
    public void Down_fails_when_the_engine_still_has_a_container_of_the_project()
    {
        var (stack, processes, _) = Stack(Scale("reducer", 2));
        var failure = Assert.Throws<CakeException>(stack.Down);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.StackNotAsAsked));
            Assert.That(processes.CommandLines[0],
                Is.EqualTo("docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge down --remove-orphans"));
            Assert.That(processes.CommandLines.Skip(1), Has.All.StartWith("docker "), "then asks the engine what is left");
        }
    }

    [Test]
    public void In_a_dry_run_down_is_shown_and_nothing_is_asked_after_it()
    {
        var (stack, processes, cake) = Stack(Scale("reducer", 2), dryRun: true);
        stack.Down();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.Empty);
            Assert.That(cake.CollectedLog.Lines, Has.Some.Contains("--project-name omninode-bridge down --remove-orphans"));
        }
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void Rerunning_Scale_and_a_plain_ComposeUp_keep_every_replica_of_a_scaled_stack()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        try
        {
            RerunScaleAndComposeUp();
        }
        finally
        {
            Host("--target=ComposeDown", "--volumes");
            DockerImages.RemoveRepositories(Registry + "/");
        }
    }

    private static void RerunScaleAndComposeUp()
    {
        var scaled = Host("--target=Scale", "--scale=orchestrator=2", "--scale=reducer=2");
        Assert.That(scaled.ExitCode, Is.Zero, scaled.All);
        var before = ContainerIds();
        Assert.That(before, Has.Count.EqualTo(4));

        var again = Host("--target=Scale", "--scale=orchestrator=2", "--scale=reducer=2");
        var afterScale = ContainerIds();
        var composeUp = Host("--target=ComposeUp");
        var afterComposeUp = ContainerIds();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.ExitCode, Is.Zero, again.All);
            Assert.That(again.All, Does.Not.Contain("Stopping").And.Not.Contain("Removing"));
            Assert.That(afterScale, Is.EquivalentTo(before), "re-running Scale keeps the containers");
            Assert.That(composeUp.ExitCode, Is.Zero, composeUp.All);
            Assert.That(composeUp.Output, Does.Contain("orchestrator 2/2 healthy, reducer 2/2 healthy"));
            Assert.That(afterComposeUp, Is.EquivalentTo(before), "a plain ComposeUp does not scale the stack down");
        }
    }

    private static List<string> ContainerIds() =>
        DockerEngineRequirement.Docker("ps", "-q", "--no-trunc", "--filter", $"label=com.docker.compose.project={Project}").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
