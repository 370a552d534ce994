using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

public sealed class BuilderChoiceTests
{
    private const string LinuxEngine = """
        "Server":{"Version":"20.10.24+dfsg1","ApiVersion":"1.41","Os":"linux"}
        """;

    private static DockerClientFacts Client(string executable, string version, bool buildx = false, bool reaches = true, bool engineBuildKit = true) =>
        new(executable, version, reaches, engineBuildKit, buildx);

    private static IEnumerable<TestCaseData> BuilderCases()
    {
        yield return new TestCaseData(Client("docker", "20.10.24+dfsg1"), DockerBuilder.BuildKitEnvironment).SetName("A_20_10_client_has_BuildKit_built_in");
        yield return new TestCaseData(Client("docker", "28.2.2"), DockerBuilder.Legacy).SetName("A_28_client_without_buildx_falls_back_to_the_legacy_builder");
        yield return new TestCaseData(Client("docker", "23.0.0"), DockerBuilder.Legacy).SetName("Client_23_is_the_first_without_built_in_BuildKit");
        yield return new TestCaseData(Client("docker", "28.2.2", buildx: true), DockerBuilder.Buildx).SetName("A_28_client_with_buildx_uses_it");
        yield return new TestCaseData(Client("docker", "20.10.24", buildx: true), DockerBuilder.Buildx).SetName("Buildx_wins_over_built_in_BuildKit");
        yield return new TestCaseData(Client("docker", "28.2.2", buildx: true, engineBuildKit: false), DockerBuilder.Legacy)
            .SetName("An_engine_without_BuildKit_gets_the_legacy_builder");
    }

    [TestCaseSource(nameof(BuilderCases))]
    public void Builder_of_one_client(DockerClientFacts client, DockerBuilder expected) =>
        Assert.That(client.Builder, Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> ChoiceCases()
    {
        yield return new TestCaseData(new[] { Client("docker", "28.2.2"), Client("/usr/bin/docker", "20.10.24+dfsg1") }, false,
                "/usr/bin/docker", DockerBuilder.BuildKitEnvironment,
                "docker 20.10.24+dfsg1 has BuildKit built in, docker 28.2.2 first on PATH has no buildx plugin")
            .SetName("A_client_with_BuildKit_later_on_PATH_is_chosen_over_a_buildx_less_one");
        yield return new TestCaseData(new[] { Client("docker", "28.2.2", buildx: true), Client("/usr/bin/docker", "20.10.24+dfsg1") }, false,
                "docker", DockerBuilder.Buildx, "docker 28.2.2 has the buildx plugin")
            .SetName("The_client_first_on_PATH_keeps_the_builds_when_it_drives_BuildKit");
        yield return new TestCaseData(new[] { Client("docker", "28.2.2"), Client("/opt/docker", "20.10.24", reaches: false) }, false,
                "docker", DockerBuilder.Legacy, "docker 28.2.2 has no buildx plugin and no other docker client on PATH drives BuildKit")
            .SetName("A_client_that_reaches_no_engine_is_never_chosen");
        yield return new TestCaseData(new[] { Client("docker", "28.2.2") }, false,
                "docker", DockerBuilder.Legacy, "docker 28.2.2 has no buildx plugin and no other docker client on PATH")
            .SetName("The_only_client_builds_with_what_it_has");
        yield return new TestCaseData(new[] { Client("/usr/local/bin/docker", "28.2.2") }, true,
                "/usr/local/bin/docker", DockerBuilder.Legacy, "docker 28.2.2 has no buildx plugin (--docker chose the client)")
            .SetName("An_explicit_docker_option_decides_outright");
        yield return new TestCaseData(
                new[] { Client("docker", "28.2.2", engineBuildKit: false), Client("/usr/bin/docker", "20.10.24", engineBuildKit: false) }, false,
                "docker", DockerBuilder.Legacy, "the engine has no BuildKit (a Windows engine, or older than 18.09)")
            .SetName("An_engine_without_BuildKit_is_named_as_the_reason");
    }

    [Test]
    public void A_client_the_engine_s_containerd_store_chose_is_named_so()
    {
        var toolchainClient = Client("/tc/bin/docker", "26.1.5+dfsg1", buildx: true);

        var choice = BuilderChoice.Choose([toolchainClient], clientGiven: true, BuilderChoice.ByContainerdStore);

        Assert.That(choice with { BuilderName = null }, Is.EqualTo(new BuilderChoice("/tc/bin/docker", DockerBuilder.Buildx,
            "docker 26.1.5+dfsg1 has the buildx plugin (the engine's containerd image store chose the client)")));
    }

    [TestCaseSource(nameof(ChoiceCases))]
    public void Choice_among_the_clients(DockerClientFacts[] clients, bool clientGiven, string client, DockerBuilder builder, string reason)
    {
        var choice = BuilderChoice.Choose(clients, clientGiven);
        Assert.That(choice with { BuilderName = null }, Is.EqualTo(new BuilderChoice(client, builder, reason)));
    }

    [Test]
    public void The_choice_is_said_in_one_line() =>
        Assert.That(new BuilderChoice("/usr/bin/docker", DockerBuilder.BuildKitEnvironment, "docker 20.10.24 has BuildKit built in").Describe(),
            Is.EqualTo("Builder: BuildKit (DOCKER_BUILDKIT=1) with /usr/bin/docker: docker 20.10.24 has BuildKit built in."));

    private static IEnumerable<TestCaseData> VersionCases()
    {
        yield return new TestCaseData($$"""{"Client":{"Version":"28.2.2"},{{LinuxEngine}}}""", "28.2.2", true, true)
            .SetName("A_linux_engine_of_API_1_41_has_BuildKit");
        yield return new TestCaseData("""{"Client":{"Version":"28.2.2"},"Server":null}""", "28.2.2", false, false).SetName("No_server_means_no_engine");
        yield return new TestCaseData("""{"Client":{"Version":"20.10.24"},"Server":{"Version":"18.06.3","ApiVersion":"1.38","Os":"linux"}}""",
            "20.10.24", true, false).SetName("An_engine_older_than_18_09_has_no_BuildKit");
        yield return new TestCaseData("""{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.0.1","ApiVersion":"1.48","Os":"windows"}}""",
            "28.2.2", true, false).SetName("A_windows_engine_has_no_BuildKit");
        yield return new TestCaseData("Cannot connect to the Docker daemon", "unknown", false, false).SetName("Text_that_is_not_json_reaches_no_engine");
    }

    [TestCaseSource(nameof(VersionCases))]
    public void Facts_from_docker_version(string json, string clientVersion, bool reachesEngine, bool engineHasBuildKit)
    {
        var facts = DockerClientFacts.FromVersionJson("docker", json, hasBuildx: false);
        Assert.That(facts, Is.EqualTo(new DockerClientFacts("docker", clientVersion, reachesEngine, engineHasBuildKit, false)));
    }
}
