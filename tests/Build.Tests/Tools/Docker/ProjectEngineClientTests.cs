using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>The Debian 13 project engine builds with its toolchain's client (buildx), chosen from the resolved engine only.</summary>
public sealed class ProjectEngineClientTests
{
    private static readonly EngineEndpoint Debian13 = EngineEndpoint.Unix("/run/omninode-bridge/debian13/docker.sock");

    private static Debian13Toolchain CompleteToolchain(TestRepository folder)
    {
        var toolchain = new Debian13Toolchain(folder.Root);
        folder.Write(Path.GetRelativePath(folder.Root, toolchain.CompleteMarker), "");
        return toolchain;
    }

    [Test]
    public void The_started_Debian_13_engine_and_one_named_by_DOCKER_HOST_get_the_toolchain_s_client()
    {
        using var folder = new TestRepository();
        var toolchain = CompleteToolchain(folder);
        var started = ProjectEngineClient.For(new ResolvedEngine(Debian13, "26.1.5", EngineSource.ProjectEngine), ProjectEngineKind.Debian13, false,
            toolchain, Debian13);
        var named = ProjectEngineClient.For(new ResolvedEngine(Debian13, "26.1.5", EngineSource.DockerHost), ProjectEngineKind.Debian12, false,
            toolchain, Debian13);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(started, Is.EqualTo(new ProjectEngineClient(toolchain.Docker, toolchain.ClientConfig)));
            Assert.That(named, Is.EqualTo(started));
        }
    }

    [Test]
    public void Another_engine_a_given_docker_or_a_missing_toolchain_keep_the_usual_choice()
    {
        using var folder = new TestRepository();
        var toolchain = CompleteToolchain(folder);
        var debian12 = new ResolvedEngine(EngineEndpoint.Unix("/run/omninode-bridge/docker.sock"), "20.10.24", EngineSource.ProjectEngine);
        var debian13 = new ResolvedEngine(Debian13, "26.1.5", EngineSource.ProjectEngine);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ProjectEngineClient.For(debian12, ProjectEngineKind.Debian12, false, toolchain, Debian13), Is.Null);
            Assert.That(ProjectEngineClient.For(debian13, ProjectEngineKind.Debian13, true, toolchain, Debian13), Is.Null, "--docker decides");
            Assert.That(ProjectEngineClient.For(debian13, ProjectEngineKind.Debian13, false, new Debian13Toolchain(folder.PathOf("none")), Debian13), Is.Null);
        }
    }
}
