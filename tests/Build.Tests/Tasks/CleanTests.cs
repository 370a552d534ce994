using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>Clean removes this project's images (every tag) and its artifacts, and nothing else.</summary>
public sealed class CleanTests
{
    [Test]
    public void Clean_removes_the_tags_the_engine_lists_then_the_dangling_layers_and_the_artifacts()
    {
        using var repository = new ScratchRepository();
        using var engine = CannedEngine.WithLocalBaseImages(repository.PathOf("engine.sock"));
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.EndsWith("reference=cleantest.local/x/reducer", StringComparison.Ordinal)
                ? (0, ["cleantest.local/x/reducer:prod", "cleantest.local/x/reducer:<none>", "cleantest.local/x/reducer:extra"])
                : (0, []),
        };
        Directory.CreateDirectory(repository.PathOf("artifacts/test-results"));
        File.WriteAllText(repository.PathOf("artifacts/test-results/old.trx"), "<TestRun />");

        var result = InProcessBuild.In(repository.Root, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix://" + engine.Path }, processes,
            "--target=Clean", "--registry=cleantest.local/x");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(processes.CommandLines.Select(line => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]), Is.EqualTo(new[]
            {
                "image ls --format {{.Repository}}:{{.Tag}} --filter reference=cleantest.local/x/orchestrator",
                "image ls --format {{.Repository}}:{{.Tag}} --filter reference=cleantest.local/x/reducer",
                "image rm cleantest.local/x/reducer:prod cleantest.local/x/reducer:extra",
                "image prune --force --filter label=io.omninode.bridge.service",
            }));
            Assert.That(File.Exists(repository.PathOf("artifacts/test-results/old.trx")), Is.False);
            Assert.That(result.Output, Does.Contain("Removed 2 image tag(s)"));
        }
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void Clean_removes_every_tag_of_the_projects_images_and_the_artifacts()
    {
        var client = DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        using var repository = new ScratchRepository();
        var registry = $"cleantest.local/{Guid.NewGuid():N}"[..30];
        var bystander = $"{registry}-other/reducer:keep";
        try
        {
            var build = repository.Run("--target=BuildReducer", "--exclusive", "--build-target=production",
                $"--registry={registry}", $"--docker={client}", "--tag=extra");
            Assert.That(build.ExitCode, Is.Zero, build.All);
            // An image of another repository that merely shares the prefix must survive.
            DockerEngineRequirement.Docker("tag", $"{registry}/reducer:prod", bystander);
            Directory.CreateDirectory(repository.PathOf("artifacts/test-results"));
            File.WriteAllText(repository.PathOf("artifacts/test-results/old.trx"), "<TestRun />");

            var clean = repository.Run("--target=Clean", $"--registry={registry}", $"--docker={client}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(clean.ExitCode, Is.Zero, clean.All);
                Assert.That(DockerImages.RemoveRepositories($"{registry}/"), Is.Empty, "no tag of the project's images is left");
                Assert.That(DockerEngineRequirement.Docker("image", "inspect", bystander).ExitCode, Is.Zero, "another repository's image is kept");
                // What is left in artifacts/ is the report of the Clean run itself (JSON and HTML), written after the task.
                Assert.That(Directory.EnumerateFiles(repository.PathOf("artifacts"), "*", SearchOption.AllDirectories).Select(Path.GetFileName),
                    Is.EquivalentTo(new[] { "build-report.json", "build-report.html" }));
            }
        }
        finally
        {
            DockerImages.RemoveRepositories(registry);
        }
    }
}
