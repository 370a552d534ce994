using Build.Images;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Images;

/// <summary>What Clean runs, in-process with the recording process runner over a real artifacts/ folder.</summary>
public sealed class ProjectCleanerTests
{
    private string _root = "";

    [SetUp]
    public void MakeRepository()
    {
        _root = Directory.CreateTempSubdirectory("bridge-clean-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "artifacts"));
        File.WriteAllText(Path.Combine(_root, "artifacts", "build-report.json"), "{}");
    }

    [TearDown]
    public void RemoveRepository() => Directory.Delete(_root, recursive: true);

    private (ProjectCleaner Cleaner, RecordingProcessRunner Processes, ProcessContext Cake) Cleaner(bool dryRun)
    {
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.Contains("reference=registry.example/omninode/orchestrator", StringComparison.Ordinal)
                ? (0,
                    [
                        "registry.example/omninode/orchestrator:prod", "registry.example/omninode/orchestrator:<none>",
                        "registry.example/omninode/orchestrator:0.1.0",
                    ])
                : (0, []),
        };
        var cake = new ProcessContext(processes);
        var docker = new DockerCommands("docker", new DirectoryPath(_root));
        return (new ProjectCleaner(RunServices.Runner(cake, dryRun), docker, RunServices.Effects(dryRun), cake.Log), processes, cake);
    }

    [Test]
    public void Clean_removes_every_tagged_image_of_the_registry_then_the_dangling_layers_and_artifacts()
    {
        var (cleaner, processes, cake) = Cleaner(dryRun: false);
        cleaner.Clean("registry.example/omninode", new DirectoryPath(_root));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.EqualTo(new[]
            {
                "docker image ls --format {{.Repository}}:{{.Tag}} --filter reference=registry.example/omninode/orchestrator",
                "docker image ls --format {{.Repository}}:{{.Tag}} --filter reference=registry.example/omninode/reducer",
                "docker image rm registry.example/omninode/orchestrator:prod registry.example/omninode/orchestrator:0.1.0",
                $"docker image prune --force --filter label={ImagePlanner.ProjectLabel}",
            }));
            Assert.That(Directory.Exists(Path.Combine(_root, "artifacts")), Is.False);
            Assert.That(cake.CollectedLog.Lines, Has.Some.StartsWith("Removed 2 image tag(s) and "));
        }
    }

    [Test]
    public void A_dry_run_of_Clean_lists_and_removes_nothing()
    {
        var (cleaner, processes, cake) = Cleaner(dryRun: true);
        cleaner.Clean(null, new DirectoryPath(_root));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(_root, "artifacts")), Is.True);
            Assert.That(cake.CollectedLog.Lines, Has.Some.Contains("--filter reference=orchestrator"));
            Assert.That(cake.CollectedLog.Lines.Last(), Does.StartWith("  then remove every tag listed above, and "));
        }
    }
}
