using Build.Tests.Support;

namespace Build.Tests.DryRun;

/// <summary>The dry run is what users read before a build: it must show every command, in order, and run none.</summary>
public sealed class DryRunTests
{
    [Test]
    public void Production_dry_run_lists_tasks_in_dependency_order_with_full_build_commands()
    {
        var result = HostRun.Run("--target=Production", "--dryrun");
        var output = result.Output;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            var order = new[] { "EnsureLock", "BuildOrchestrator", "BuildReducer", "Production" }.Select(task => output.IndexOf($". {task}", StringComparison.Ordinal)).ToArray();
            Assert.That(order, Is.All.GreaterThanOrEqualTo(0), output);
            Assert.That(order, Is.Ordered, output);
            Assert.That(output, Does.Contain("docker build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest"));
            Assert.That(output, Does.Contain("docker build -f deployment/Dockerfile.reducer --target production -t reducer:prod"));
            Assert.That(output, Does.Contain("No tasks were actually executed"));
        }
    }

    [Test]
    public void Dry_run_needs_no_docker_and_no_poetry()
    {
        // PATH without docker or poetry: the dry run must still succeed and print the commands.
        var environment = new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath!) + ":/nonexistent" };
        var result = HostRun.In(HostRun.RepositoryRoot, environment, "--target=ComposeUp", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("compose --file deployment/docker-compose.bridge.yml"));
            Assert.That(result.Output, Does.Contain("up --detach --no-build"));
        }
    }

    [Test]
    public void Development_dry_run_builds_the_development_stage_and_adds_the_hot_reload_override()
    {
        var result = HostRun.Run("--target=ComposeUp", "--build-target=development", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("--target development -t orchestrator:dev"));
            Assert.That(result.Output, Does.Contain("BUILD_TARGET=development IMAGE_REGISTRY= IMAGE_TAG=dev"));
        }
    }

    [Test]
    public void Registry_password_is_never_printed()
    {
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "hunter2-secret" };
        var result = HostRun.In(HostRun.RepositoryRoot, environment, "--target=Push", "--registry=127.0.0.1:5000/omninode", "--registry-username=ci", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("login --username ci --password-stdin 127.0.0.1:5000"));
            Assert.That(result.Output, Does.Contain("push 127.0.0.1:5000/omninode/reducer:prod"));
            Assert.That(result.All, Does.Not.Contain("hunter2"));
        }
    }
}
