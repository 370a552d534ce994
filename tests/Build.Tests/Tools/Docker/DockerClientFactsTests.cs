using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

public sealed class DockerClientFactsTests
{
    [TestCase("github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3", "0.13.1")]
    [TestCase("github.com/docker/buildx v0.11.2 9872040", "0.11.2")]
    [TestCase("github.com/docker/buildx v0.19.3-desktop.1 abc", "0.19.3")]
    [TestCase("docker: 'buildx' is not a docker command.", null)]
    [TestCase("", null)]
    public void The_buildx_version_is_read_from_buildx_version(string output, string? version) =>
        Assert.That(DockerClientFacts.ParseBuildxVersion(output), Is.EqualTo(version));

    [Test]
    public void The_builder_is_named_with_its_version()
    {
        var buildx = new DockerClientFacts("/t/bin/docker", "26.1.5+dfsg1", true, true, true) { BuildxVersion = "0.13.1" };
        var builtIn = new DockerClientFacts("/usr/bin/docker", "20.10.24+dfsg1", true, true, false);
        var legacy = new DockerClientFacts("/usr/bin/docker", "26.1.5", true, true, false);

        Assert.That(new[] { buildx.BuilderName, builtIn.BuilderName, legacy.BuilderName },
            Is.EqualTo(new[] { "buildx 0.13.1", "BuildKit of docker 20.10.24+dfsg1", "the legacy builder of docker 26.1.5" }));
    }
}
