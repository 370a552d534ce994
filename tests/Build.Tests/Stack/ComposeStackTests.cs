using Build.Tests.Support;

namespace Build.Tests.Stack;

/// <summary>
/// On a real engine: every `compose up` of a run names the replica counts, so re-running Scale (with its ComposeUp
/// dependency, not --exclusive) and a plain ComposeUp on a scaled stack keep every healthy container: same ids.
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed class ComposeStackTests
{
    private const string Project = "bridge-replicas-test";

    private static HostResult Host(params string[] arguments) =>
        HostRun.In(HostRun.RepositoryRoot, null, [.. arguments, $"--project-name={Project}", $"--docker={DockerEngineRequirement.BuildKitClient}", "--build-target=production"]);

    [OneTimeSetUp]
    public void Start() => DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);

    [OneTimeTearDown]
    public void Stop() => Host("--target=ComposeDown", "--volumes");

    [Test]
    public void Rerunning_Scale_and_a_plain_ComposeUp_keep_every_replica_of_a_scaled_stack()
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
