using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>`docker version --format '{{json .}}'`, read once for the engine probe and the builder choice.</summary>
public sealed class DockerVersionTests
{
    [Test]
    public void Versions_are_read_from_docker_version_json()
    {
        var version = DockerVersion.Parse("""{"Client":{"Version":"28.2.2"},"Server":{"Version":"20.10.24+dfsg1","ApiVersion":"1.41","Os":"linux"}}""");
        Assert.That(version, Is.EqualTo(new DockerVersion("28.2.2", "20.10.24+dfsg1", "linux", "1.41")));
    }

    [Test]
    public void Versions_without_a_server_leave_it_null() =>
        Assert.That(DockerVersion.Parse("""{"Client":{"Version":"28.2.2"},"Server":null}""").Server, Is.Null);

    [TestCase("Cannot connect to the Docker daemon")]
    [TestCase("""{"Client":{"Version":28},"Server":{"Version":["20.10"]}}""")]
    public void Text_that_names_no_version_as_a_string_reads_as_no_version(string output) =>
        Assert.That(DockerVersion.Parse(output), Is.EqualTo(new DockerVersion(null, null, null, null)));
}
