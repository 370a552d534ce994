using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>ComposeDown in the test process: the one compose command it runs.</summary>
public sealed class ComposeDownTests
{
    [TestCase(new string[0], "down --remove-orphans\n")]
    [TestCase(new[] { "--volumes" }, "down --remove-orphans --volumes\n")]
    public void ComposeDown_removes_the_projects_containers_and_networks(string[] options, string ending)
    {
        var result = InProcessBuild.Run(["--target=ComposeDown", "--build-target=production", .. options, "--dryrun"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output.ReplaceLineEndings("\n"),
                Does.Contain("docker compose --file deployment/docker-compose.bridge.yml --project-name omninode-bridge " + ending));
        }
    }
}
