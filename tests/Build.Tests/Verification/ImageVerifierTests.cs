using Build.Images;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Build.Verification;
using Cake.Core.IO;

namespace Build.Tests.Verification;

/// <summary>ImageVerifier in-process: the recording process runner answers the inspect and the Poetry probe.</summary>
public sealed class ImageVerifierTests
{
    private const string Inspect = """
        [{"Id":"sha256:1","Size":124639378,"RepoTags":["orchestrator:slim"],"Config":{"User":"10001:10001",
          "Healthcheck":{"Test":["CMD","true"]},"Labels":{"org.opencontainers.image.version":"0.1.0"}}}]
        """;

    private static readonly ImageSpec Slim = new("orchestrator", ImageFlavour.Slim, "orchestrator", "docker/bridge-nodes/Dockerfile.orchestrator", "runtime",
        ["slim"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static (ImageVerifier Verifier, RecordingProcessRunner Processes, List<string> Warnings) Verifier(
        bool poetryFound, Func<string, long?>? listedSize = null)
    {
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.StartsWith("image inspect", StringComparison.Ordinal) ? (0, [Inspect])
                : arguments.StartsWith("run", StringComparison.Ordinal) ? (poetryFound ? 0 : 1, poetryFound ? ["/usr/local/bin/poetry"] : [])
                : (1, []),
        };
        var runner = new CommandRunner(new ProcessContext(processes));
        var docker = new DockerCommands("docker", new DirectoryPath("/repo"));
        var images = new ImageInputs("/repo", runner, docker, engineReachable: true);
        var warnings = new List<string>();
        return (new ImageVerifier(images, runner, docker, warnings.Add, listedSize: listedSize), processes, warnings);
    }

    [Test]
    public void A_slim_image_is_inspected_once_and_probed_for_Poetry()
    {
        var (verifier, processes, warnings) = Verifier(poetryFound: true);
        var facts = verifier.Inspect(Slim);
        var again = verifier.Inspect(Slim);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(facts, Is.Not.Null);
        Assert.That(facts!.User, Is.EqualTo("10001:10001"));
        Assert.That(facts.SizeBytes, Is.EqualTo(124639378));
        Assert.That(facts.HasPoetry, Is.True);
        Assert.That(again!.User, Is.EqualTo(facts.User));
        Assert.That(processes.CommandLines.Count(line => line.Contains("image inspect", StringComparison.Ordinal)), Is.EqualTo(1),
            string.Join("\n", processes.CommandLines));
        Assert.That(processes.CommandLines,
            Has.Some.EqualTo("docker run --rm --entrypoint sh orchestrator:slim -c \"command -v poetry || ls /app/.venv/bin/poetry\""));
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void On_the_containerd_store_the_size_is_the_listed_size_without_the_content_the_inspect_gives()
    {
        var asked = new List<string>();
        var (verifier, _, _) = Verifier(poetryFound: true, reference =>
        {
            asked.Add(reference);
            return 400_000_000;
        });
        using var scope = Assert.EnterMultipleScope();
        Assert.That(verifier.Inspect(Slim)!.SizeBytes, Is.EqualTo(400_000_000 - 124639378));
        Assert.That(asked, Is.EqualTo(new[] { "orchestrator:slim" }));
    }

    [Test]
    public void A_slim_image_without_Poetry_says_so()
    {
        var (verifier, _, _) = Verifier(poetryFound: false);
        Assert.That(verifier.Inspect(Slim)!.HasPoetry, Is.False);
    }

    [Test]
    public void Verify_checks_the_production_and_slim_images_of_every_service_in_the_table()
    {
        var specs = ImageVerifier.Images((service, flavour) => Slim with { Service = service, Flavour = flavour });
        Assert.That(specs.Select(spec => $"{spec.Service}/{spec.Flavour}"), Is.EqualTo(new[]
        {
            "orchestrator/Production", "reducer/Production", "orchestrator/Slim", "reducer/Slim",
        }));
    }
}
