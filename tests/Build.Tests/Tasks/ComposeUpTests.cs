using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>ComposeUp in the test process: the compose command line it runs for each build target.</summary>
public sealed class ComposeUpTests
{
    [Test]
    public void Dry_run_needs_no_docker_and_no_poetry()
    {
        // PATH without docker or poetry: the dry run must still succeed and print the commands.
        var environment = new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath!) + ":/nonexistent" };
        var result = InProcessBuild.In(HostRun.RepositoryRoot, environment, null, "--target=ComposeUp", "--dryrun");
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
        var result = InProcessBuild.Run("--target=ComposeUp", "--build-target=development", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("--target development -t orchestrator:dev"));
            Assert.That(result.Output, Does.Contain("BUILD_TARGET=development IMAGE_REGISTRY= IMAGE_TAG=dev"));
            Assert.That(result.Output, Does.Contain("--file deployment/docker-compose.bridge.dev.yml"));
        }
    }

    [Test]
    public void Production_dry_run_uses_the_production_images_of_the_registry_without_the_override()
    {
        var result = InProcessBuild.Run("--target=ComposeUp", "--exclusive", "--build-target=production", "--registry=127.0.0.1:5000/omninode", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain(
                "BUILD_TARGET=production IMAGE_REGISTRY=127.0.0.1:5000/omninode/ IMAGE_TAG=prod " +
                "docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge up --detach --no-build"));
            Assert.That(result.Output, Does.Not.Contain("docker-compose.bridge.dev.yml"));
        }
    }
}
