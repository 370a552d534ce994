using Build.Images;
using Build.Tools.Docker;

namespace Build.Tests.Images;

public sealed class BuildCacheSupportTests
{
    private static readonly BuildCache Local = new(BuildCacheKind.Local, "/ci/cache");

    private static BuilderChoice Choice(DockerBuilder builder) => new("/usr/bin/docker", builder, "test");

    private static IEnumerable<TestCaseData> Builders()
    {
        yield return new TestCaseData(DockerBuilder.Buildx, ImageStores.Containerd, null, null).SetName("Buildx_on_the_containerd_store_exports");
        yield return new TestCaseData(DockerBuilder.Buildx, ImageStores.Classic, "docker-container", null)
            .SetName("Buildx_with_the_docker_container_driver_exports_on_the_classic_store");
        yield return new TestCaseData(DockerBuilder.Buildx, ImageStores.Classic, "docker", "uses the docker driver on an engine with the classic image store")
            .SetName("Buildx_with_the_docker_driver_on_the_classic_store_does_not");
        yield return new TestCaseData(DockerBuilder.Buildx, ImageStores.Classic, null, "uses the (unknown) driver")
            .SetName("Buildx_that_names_no_driver_on_the_classic_store_does_not");
        yield return new TestCaseData(DockerBuilder.BuildKitEnvironment, ImageStores.Classic, null, "the BuildKit built into /usr/bin/docker")
            .SetName("BuildKit_of_docker_20_10_does_not");
        yield return new TestCaseData(DockerBuilder.Legacy, ImageStores.Containerd, null, "the legacy builder of /usr/bin/docker")
            .SetName("The_legacy_builder_does_not");
        yield return new TestCaseData(DockerBuilder.Unprobed, null, null, null).SetName("A_dry_run_probes_nothing_and_refuses_nothing");
    }

    [TestCaseSource(nameof(Builders))]
    public void Whether_the_builder_exports_the_cache(DockerBuilder builder, string? store, string? driver, string? why)
    {
        var problem = BuildCacheSupport.Problem(Local, Choice(builder), store, driver);
        if (why is null)
        {
            Assert.That(problem, Is.Null);
            return;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem, Does.StartWith("--build-cache=local,dir=... asks buildx to export the layer cache, but").And.Contain(why));
            Assert.That(problem, Does.Contain("drop --build-cache").And.Contain("containerd-snapshotter").And.Contain("--driver docker-container"));
        }
    }

    [TestCase(DockerBuilder.Buildx, ImageStores.Classic, ExpectedResult = true)]
    [TestCase(DockerBuilder.Buildx, ImageStores.Containerd, ExpectedResult = false)]
    [TestCase(DockerBuilder.BuildKitEnvironment, ImageStores.Classic, ExpectedResult = false)]
    public bool Only_buildx_on_the_classic_store_asks_for_its_driver(DockerBuilder builder, string store) =>
        BuildCacheSupport.NeedsDriver(builder, store);

    [TestCase("Name:          default\nDriver:        docker\n\nNodes:\n", ExpectedResult = "docker")]
    [TestCase("Name:   builder-1\nDriver: docker-container\nLast Activity: 2026-12-05\n", ExpectedResult = "docker-container")]
    [TestCase("", ExpectedResult = null)]
    public string? The_driver_of_buildx_inspect(string output) => BuildCacheSupport.DriverOf(output);
}
