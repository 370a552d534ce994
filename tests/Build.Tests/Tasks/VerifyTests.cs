using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>Verify in the test process: its dry run names each image it would check and the rules with cake.config's budgets.</summary>
public sealed class VerifyTests
{
    [Test]
    public void The_dry_run_names_every_image_and_its_rules()
    {
        var result = InProcessBuild.Run("--target=Verify", "--exclusive", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("would check orchestrator:prod: non-root, HEALTHCHECK, at most 185 MB, OCI labels"));
            Assert.That(result.Output, Does.Contain(
                "would check reducer:slim (if built): non-root, HEALTHCHECK, at most 150 MB, OCI labels, no build secret, no Poetry"));
        }
    }
}
