using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>
/// Production against a real engine with BuildKit (20.10 client); the legacy builder (docker 28 client without buildx) cannot
/// mount the package index's credentials and is refused before it builds.
/// </summary>
[Category("Docker")]
[Category("Host")]
public sealed class ImageTaskTests
{
    private static readonly string[] Clients = [DockerEngineRequirement.BuildKitClient];

    [TestCaseSource(nameof(Clients))]
    public void Production_builds_both_images_with_tags_and_oci_labels(string client)
    {
        DockerEngineRequirement.RequireClient(client);
        var sha = Git("rev-parse", "HEAD");
        // A registry name of its own: the user's orchestrator:prod and reducer:prod (the Quick start's) stay untouched.
        var registry = $"image-task-test.local/{Guid.NewGuid():N}"[..40];
        var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Production", $"--docker={client}", $"--registry={registry}", "--force");
        var inspections = new[] { "orchestrator", "reducer" }
            .Select(service => (Service: service, Inspect: DockerEngineRequirement.Docker("image", "inspect", $"{registry}/{service}:prod")))
            .ToArray();
        DockerImages.RemoveRepositories(registry + "/");
        Assert.That(result.ExitCode, Is.Zero, result.All);
        foreach (var (service, (exitCode, json)) in inspections)
        {
            Assert.That(exitCode, Is.Zero, json);
            using var document = JsonDocument.Parse(json);
            var image = document.RootElement[0];
            var tags = image.GetProperty("RepoTags").EnumerateArray().Select(tag => tag.GetString()).ToArray();
            var labels = image.GetProperty("Config").GetProperty("Labels");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(tags, Is.SupersetOf(new[] { "prod", "latest", "0.1.0", $"sha-{sha[..7]}" }.Select(tag => $"{registry}/{service}:{tag}")));
                Assert.That(labels.GetProperty("org.opencontainers.image.title").GetString(), Is.EqualTo($"omninode-bridge-{service}"));
                Assert.That(labels.GetProperty("org.opencontainers.image.version").GetString(), Is.EqualTo("0.1.0"));
                Assert.That(labels.GetProperty("org.opencontainers.image.revision").GetString(), Is.EqualTo(sha));
                Assert.That(labels.GetProperty("org.opencontainers.image.created").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            }
        }
    }

    [Test]
    public void The_legacy_builder_is_refused_naming_the_index_and_builds_nothing()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.LegacyClient);
        var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Production", $"--docker={DockerEngineRequirement.LegacyClient}", "--force");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("'omninode-index' (http://127.0.0.1:3141/simple/)"));
            Assert.That(result.All, Does.Not.Contain("docker build"));
        }
    }

    [Test]
    public void A_failing_build_does_not_move_existing_tags()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        using var repository = new ScratchRepository();
        // A registry name of its own: BuildReducer tags prod, latest and the version too, and the user's reducer:prod
        // (the Quick start's) must stay where it is.
        var registry = $"failing-build-test.local/{Guid.NewGuid():N}"[..40];
        var tag = $"{registry}/reducer:prod";
        try
        {
            // A first good build gives the tag an image; then the Dockerfile breaks and the tag must stay where it was.
            File.WriteAllText(repository.PathOf("deployment/Dockerfile.reducer"),
                "ARG PYTHON_IMAGE=omninode/python:3.11-bookworm\nARG BUILDER_IMAGE=x\nFROM ${PYTHON_IMAGE} AS production\nRUN echo good > /good\n");
            var first = repository.Run("--target=BuildReducer", "--build-target=production", $"--registry={registry}", "--force");
            Assert.That(first.ExitCode, Is.Zero, first.All);
            var before = DockerEngineRequirement.Docker("image", "inspect", "--format", "{{.Id}}", tag).Output.Trim();

            File.AppendAllText(repository.PathOf("deployment/Dockerfile.reducer"), "RUN exit 3\n");
            var second = repository.Run("--target=BuildReducer", "--build-target=production", $"--registry={registry}", "--force");
            var after = DockerEngineRequirement.Docker("image", "inspect", "--format", "{{.Id}}", tag).Output.Trim();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(second.ExitCode, Is.Not.Zero);
                // The console shows the failed step, its error and its own last lines, not BuildKit's progress.
                Assert.That(second.Output, Does.Match(@"\[reducer\] failed: \[(production )?\d/\d\] RUN exit 3: ").And.Not.Contain("#1 [internal]"));
                // The closing error leads with the failing step and its exit code, then names the command and the whole log.
                Assert.That(second.All, Does.Match(@"Error: (Step \d+/\d+ : RUN exit 3| > \[(production )?\d+/\d+\] RUN exit 3:)"));
                Assert.That(second.All[second.All.LastIndexOf("Error: ", StringComparison.Ordinal)..],
                    Does.Match(@"(code: 3|non-zero code: 3)[\s\S]*docker failed \(exit code \d+\): " +
                        @"(DOCKER_BUILDKIT=\d \S*docker build|\S*docker buildx build)[\s\S]*" +
                        @"The build's whole output: artifacts/build-logs/reducer-production\.log"));
                Assert.That(File.ReadAllText(repository.PathOf("artifacts/build-logs/reducer-production.log")), Does.Contain("RUN exit 3"));
                Assert.That(second.All, Does.Not.Contain("   at "));
                Assert.That(after, Is.EqualTo(before));
            }
        }
        finally
        {
            Assert.That(DockerImages.RemoveRepositories(registry + "/"), Is.Empty, "the test's own tags are removed");
        }
    }

    private static string Git(params string[] arguments) => DockerEngineRequirement.Run("git", ["-C", HostRun.RepositoryRoot, .. arguments]).Output.Trim();
}
