using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Tools.Docker;

public sealed class DockerCommandsTests
{
    private static readonly DockerCommands Docker = new("docker", new DirectoryPath("/repo"));

    private static readonly DockerBuildSettings Production = new("deployment/Dockerfile.orchestrator", ".")
    {
        Target = "production",
        Tags = ["orchestrator:prod", "orchestrator:latest"],
        Labels = new SortedDictionary<string, string> { ["org.opencontainers.image.title"] = "omninode-bridge-orchestrator" },
        BuildArgs = new SortedDictionary<string, string> { ["PYTHON_IMAGE"] = "omninode/python:3.11-bookworm" },
    };

    private static IEnumerable<TestCaseData> BuildCases()
    {
        yield return new TestCaseData(Production with { Builder = DockerBuilder.Unprobed }, "",
            "build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm .")
            .SetName("Build_in_CLI_order");
        yield return new TestCaseData(Production with { Builder = DockerBuilder.Legacy }, "DOCKER_BUILDKIT=0",
            "build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm .")
            .SetName("Legacy_builder_switches_buildkit_off_explicitly");
        yield return new TestCaseData(
                Production with { Builder = DockerBuilder.BuildKitEnvironment, CacheFrom = ["orchestrator:prod"], Progress = "plain" }, "DOCKER_BUILDKIT=1",
            "build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--cache-from orchestrator:prod --build-arg BUILDKIT_INLINE_CACHE=1 --progress plain .")
            .SetName("BuildKit_by_environment_uses_inline_cache");
        yield return new TestCaseData(Production with { Builder = DockerBuilder.Buildx, Pull = true, NoCache = true }, "",
            "buildx build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--build-arg BUILDKIT_INLINE_CACHE=1 --pull --no-cache --load .")
            .SetName("Buildx_loads_the_image_into_the_engine");
        yield return new TestCaseData(Production with
            {
                Builder = DockerBuilder.BuildKitEnvironment, Network = "host",
                Secrets =
                [
                    new BuildSecret("index_username", "POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME"),
                    new BuildSecret("index_password", "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"),
                ],
            }, "DOCKER_BUILDKIT=1",
            "build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--build-arg BUILDKIT_INLINE_CACHE=1 --secret id=index_username,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME " +
            "--secret id=index_password,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD --network host .")
            .SetName("Index_credentials_are_secrets_the_client_reads_from_its_environment");
        yield return new TestCaseData(Production with
            {
                Builder = DockerBuilder.Buildx, SourceDateEpoch = 1_700_000_000, InlineCache = false,
                Attestations = ["type=provenance,mode=max", "type=sbom,generator=omninode-bridge/sbom-generator:0123456789ab"],
            }, "",
            "buildx build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--build-arg SOURCE_DATE_EPOCH=1700000000 --attest type=provenance,mode=max " +
            "--attest type=sbom,generator=omninode-bridge/sbom-generator:0123456789ab --load .")
            .SetName("Buildx_attests_and_builds_reproducibly_without_the_inline_cache");
        yield return new TestCaseData(Production with
            {
                Builder = DockerBuilder.Buildx, InlineCache = false, Progress = "plain",
                CacheFrom = ["type=local,src=/ci/cache/orchestrator-production"],
                CacheTo = ["type=local,dest=/ci/cache/orchestrator-production,mode=max"],
            }, "",
            "buildx build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--cache-from type=local,src=/ci/cache/orchestrator-production " +
            "--cache-to type=local,dest=/ci/cache/orchestrator-production,mode=max --progress plain --load .")
            .SetName("Buildx_imports_and_exports_a_local_cache_without_the_inline_one");
        yield return new TestCaseData(Production with
            {
                Builder = DockerBuilder.Buildx, InlineCache = false,
                CacheFrom = ["type=gha,scope=orchestrator-production"], CacheTo = ["type=gha,scope=orchestrator-production,mode=max"],
            }, "",
            "buildx build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--cache-from type=gha,scope=orchestrator-production --cache-to type=gha,scope=orchestrator-production,mode=max --load .")
            .SetName("Buildx_imports_and_exports_the_GitHub_Actions_cache");
        yield return new TestCaseData(Production with { Builder = DockerBuilder.BuildKitEnvironment, Attestations = ["type=provenance,mode=max"] },
            "DOCKER_BUILDKIT=1",
            "build -f deployment/Dockerfile.orchestrator --target production -t orchestrator:prod -t orchestrator:latest " +
            "--label org.opencontainers.image.title=omninode-bridge-orchestrator --build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm " +
            "--build-arg BUILDKIT_INLINE_CACHE=1 .")
            .SetName("Docker_build_without_buildx_has_no_attest_option");
        yield return new TestCaseData(
                new DockerBuildSettings("deployment/Dockerfile.reducer", ".") { Labels = new Dictionary<string, string> { ["description"] = "two words" } }, "",
            "build -f deployment/Dockerfile.reducer --label \"description=two words\" .")
            .SetName("Values_with_spaces_are_quoted");
    }

    [TestCaseSource(nameof(BuildCases))]
    public void Build_arguments(DockerBuildSettings settings, string environment, string expected)
    {
        var command = Docker.Build(settings);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(command.Arguments.Render(), Is.EqualTo(expected));
            Assert.That(string.Join(" ", command.Environment.Select(pair => $"{pair.Key}={pair.Value}")), Is.EqualTo(environment));
            Assert.That(command.WorkingDirectory.FullPath, Is.EqualTo("/repo"));
        }
    }

    [Test]
    public void Buildx_inspect_asks_for_the_current_builder() =>
        Assert.That(Docker.BuildxInspect().Arguments.Render(), Is.EqualTo("buildx inspect"));

    [Test]
    public void Login_sends_the_password_on_standard_input_and_never_renders_it()
    {
        var command = Docker.Login("127.0.0.1:5000", "ci", "s3cret!");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(command.Arguments.Render(), Is.EqualTo("login --username ci --password-stdin 127.0.0.1:5000"));
            Assert.That(command.StandardInput, Is.EqualTo("s3cret!"));
            Assert.That(command.Render(), Does.Not.Contain("s3cret"));
        }
    }
}
