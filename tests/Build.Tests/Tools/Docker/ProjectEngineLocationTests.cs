using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>The project engines' places, and how a dockerd in the way is recognised as one of them.</summary>
public sealed class ProjectEngineLocationTests
{
    [TestCase("unix:///run/omninode-bridge/docker.sock", ProjectEngineKind.Debian12)]
    [TestCase("unix:///run/omninode-bridge/debian13/docker.sock", ProjectEngineKind.Debian13)]
    public void A_project_engine_s_default_socket_names_its_kind(string url, ProjectEngineKind kind) =>
        Assert.That(ProjectEngineLocation.KindListeningOn(EngineEndpoint.FromDockerHost(url)!), Is.EqualTo(kind));

    [TestCase("unix:///var/run/docker.sock")]
    [TestCase("unix:///tmp/engine/run/docker.sock")]
    [TestCase("tcp://127.0.0.1:2375")]
    public void Any_other_socket_is_no_project_engine(string url) =>
        Assert.That(ProjectEngineLocation.KindListeningOn(EngineEndpoint.FromDockerHost(url)!), Is.Null);

    [Test]
    public void The_default_places_of_the_two_kinds_never_meet()
    {
        var debian12 = ProjectEngineLocation.From(_ => null, ProjectEngineKind.Debian12);
        var debian13 = ProjectEngineLocation.From(_ => null, ProjectEngineKind.Debian13);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(debian13.Socket, Is.Not.EqualTo(debian12.Socket));
            Assert.That(debian13.DataRoot, Is.Not.EqualTo(debian12.DataRoot));
            Assert.That(debian13.PidFile, Is.Not.EqualTo(debian12.PidFile));
        }
    }

    [Test]
    public void The_way_out_beside_the_other_kind_names_the_option_that_uses_it_and_the_command_that_stops_it()
    {
        var text = ProjectEngine.OtherKindWayOut(ProjectEngineKind.Debian12);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("--project-engine=debian12 (or BRIDGE_PROJECT_ENGINE=debian12)"));
            Assert.That(text, Does.Contain("./build.sh --target=EngineDown --project-engine=debian12"));
        }
    }
}
