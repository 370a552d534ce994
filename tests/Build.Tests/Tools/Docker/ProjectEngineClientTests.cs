using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// An engine that answers with the containerd image store builds with the Debian 13 toolchain's client (buildx), whatever
/// started it: the project engine, a swarm node with Docker 26, any engine DOCKER_HOST names.
/// </summary>
public sealed class ProjectEngineClientTests
{
    private static Debian13Toolchain CompleteToolchain(TestRepository folder)
    {
        var toolchain = new Debian13Toolchain(folder.Root);
        folder.Write(Path.GetRelativePath(folder.Root, toolchain.CompleteMarker), "");
        return toolchain;
    }

    [Test]
    public void An_engine_with_the_containerd_image_store_gets_the_toolchain_s_client_and_its_plugin_folder()
    {
        using var folder = new TestRepository();
        var toolchain = CompleteToolchain(folder);

        var client = ProjectEngineClient.For(ImageStores.Containerd, clientGiven: false, toolchain);

        Assert.That(client, Is.EqualTo(new ProjectEngineClient(toolchain.Docker, toolchain.ClientConfig)));
    }

    private static IEnumerable<TestCaseData> UsualChoices()
    {
        yield return new TestCaseData(ImageStores.Classic, false, true).SetName("The_classic_store_keeps_the_clients_on_PATH");
        yield return new TestCaseData(null, false, true).SetName("An_engine_whose_store_is_unknown_keeps_the_clients_on_PATH");
        yield return new TestCaseData(ImageStores.Containerd, true, true).SetName("A_given_docker_decides_on_the_containerd_store_too");
        yield return new TestCaseData(ImageStores.Containerd, false, false).SetName("Without_a_complete_toolchain_the_clients_on_PATH_build");
    }

    [TestCaseSource(nameof(UsualChoices))]
    public void Otherwise_the_usual_choice_stands(string? imageStore, bool clientGiven, bool toolchainComplete)
    {
        using var folder = new TestRepository();
        var toolchain = toolchainComplete ? CompleteToolchain(folder) : new Debian13Toolchain(folder.PathOf("none"));

        Assert.That(ProjectEngineClient.For(imageStore, clientGiven, toolchain), Is.Null);
    }
}
