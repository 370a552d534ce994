using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>Scale in the test process: one compose command that keeps the healthy containers, then the health wait.</summary>
public sealed class ScaleTests
{
    [Test]
    public void Scale_runs_compose_up_without_recreating_and_with_each_services_count()
    {
        var result = InProcessBuild.Run("--target=Scale", "--scale=orchestrator=3", "--scale=reducer=2", "--exclusive", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output,
                Does.Contain("--project-name omninode-bridge up --detach --no-build --no-recreate --scale orchestrator=3 --scale reducer=2"));
            Assert.That(result.Output, Does.Contain("then wait until every container of project omninode-bridge is healthy (at most 120 s)"));
        }
    }

    [Test]
    public void Scale_brings_the_stack_up_first()
    {
        var result = InProcessBuild.Run("--target=Scale", "--scale=reducer=2", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output.IndexOf(". ComposeUp", StringComparison.Ordinal),
                Is.GreaterThan(0).And.LessThan(result.Output.IndexOf(". Scale", StringComparison.Ordinal)));
        }
    }

    [Test]
    public void Scale_without_counts_exits_as_bad_input_before_the_first_task()
    {
        var result = InProcessBuild.Run("--target=Scale", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("--scale=orchestrator=3"));
            Assert.That(result.Output, Does.Not.Contain("1. "));
        }
    }
}
