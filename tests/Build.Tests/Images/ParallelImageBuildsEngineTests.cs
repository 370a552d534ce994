using System.Diagnostics;
using Build.Images;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Images;

/// <summary>
/// The parallel coordinator against a real engine (BuildKit through DOCKER_BUILDKIT=1): two tiny images from the
/// local base image, built at once; a failing one stops the other. Ignored without an engine, failing on CI.
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed class ParallelImageBuildsEngineTests
{
    private const string BaseImage = "omninode/python:3.11-bookworm";

    private TestRepository _context = null!;

    [SetUp]
    public void RequireEngine()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        _context = new TestRepository()
            .Write("Dockerfile.ok", $"FROM {BaseImage}\nARG NONCE\nRUN echo built $NONCE\n")
            .Write("Dockerfile.slow", $"FROM {BaseImage}\nARG NONCE\nRUN echo start $NONCE && sleep 60\n")
            .Write("Dockerfile.fails", $"FROM {BaseImage}\nARG NONCE\nRUN echo failing $NONCE && exit 3\n");
    }

    [TearDown]
    public void Clean()
    {
        _context?.Dispose();
        DockerImages.RemoveRepositories("build-tests-fast/");
    }

    private ImageSpec Spec(string name) => new(name, ImageFlavour.Production, "build-tests-fast/" + name, "Dockerfile." + name, "", ["test"],
        new Dictionary<string, string>(), new Dictionary<string, string> { ["NONCE"] = Guid.NewGuid().ToString("N") });

    private ParallelImageBuilds.BuildImage Docker(CommandRunner runner)
    {
        var docker = new DockerCommands(DockerEngineRequirement.BuildKitClient, new DirectoryPath(_context.Root));
        return (spec, output, token) => runner.Run(docker.Build(new DockerBuildSettings(spec.Dockerfile, ".")
        {
            Tags = spec.References.ToArray(),
            BuildArgs = spec.BuildArgs,
            Builder = DockerBuilder.BuildKitEnvironment,
            Progress = "plain",
        }), output, token);
    }

    [Test]
    public void Two_images_build_in_parallel_with_prefixed_output()
    {
        var lines = new List<string>();
        var builds = new ParallelImageBuilds(lines.Add);
        var runner = new CommandRunner(new ProcessContext());
        var first = Spec("ok");
        var second = Spec("ok") with { Service = "ok2", Repository = "build-tests-fast/ok2" };
        builds.Run(first, [second], Docker(runner));
        builds.Run(second, [], Docker(runner));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Some.StartsWith("[ok] ").And.Some.StartsWith("[ok2] "));
            Assert.That(lines, Has.Some.Contains("built " + first.BuildArgs["NONCE"]));
        }
    }

    [Test]
    public void A_failing_build_kills_the_other_and_is_named()
    {
        var builds = new ParallelImageBuilds(_ => { });
        var runner = new CommandRunner(new ProcessContext());
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<CakeException>(() => builds.Run(Spec("slow"), [Spec("fails")], Docker(runner)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.StartWith("build-tests-fast/fails:test failed, so build-tests-fast/slow:test (built in parallel) was cancelled"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(45)), "the slow build (sleep 60) was not stopped");
        }
    }
}
