using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>The umbrella targets, run in the test process: their plan, in order, with the full commands.</summary>
public sealed class TargetsTests
{
    [Test]
    public void Production_dry_run_lists_tasks_in_dependency_order_with_full_build_commands()
    {
        var result = InProcessBuild.Run("--target=Production", "--dryrun");
        var output = result.Output;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            var order = new[] { "EnsureLock", "BuildOrchestrator", "BuildReducer", "Production" }
                .Select(task => output.IndexOf($". {task}", StringComparison.Ordinal))
                .ToArray();
            Assert.That(order, Is.All.GreaterThanOrEqualTo(0), output);
            Assert.That(order, Is.Ordered, output);
            Assert.That(output,
                Does.Contain("docker build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest"));
            Assert.That(output, Does.Contain("docker build -f deployment/Dockerfile.reducer --target production -t reducer:prod"));
            Assert.That(output, Does.Contain("No tasks were actually executed"));
        }
    }

    [Test]
    public void Slim_dry_run_builds_the_slim_images_from_their_own_dockerfiles()
    {
        var result = InProcessBuild.Run("--target=Slim", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain(". BuildSlimOrchestrator").And.Contain(". BuildSlimReducer"));
            Assert.That(result.Output, Does.Contain("docker build -f docker/bridge-nodes/"));
        }
    }

    [Test]
    public void A_missing_dockerfile_exits_with_its_own_code_and_names_the_file()
    {
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("deployment/Dockerfile.orchestrator"));
        var result = repository.RunInProcess("--target=Production", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.MissingDockerfile), result.All);
            Assert.That(result.Error,
                Does.StartWith("Error: deployment/Dockerfile.orchestrator is missing").Or.Contain("deployment/Dockerfile.orchestrator is missing"));
            Assert.That(result.All, Does.Not.Contain("   at "));
        }
    }
}
