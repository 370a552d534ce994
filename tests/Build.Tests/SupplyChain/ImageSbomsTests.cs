using Build.Images;
using Build.SupplyChain;
using Build.Tests.Support;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.SupplyChain;

/// <summary>ImageSboms in-process: the recording process runner plays the generator run inside the image.</summary>
public sealed class ImageSbomsTests
{
    private static readonly ImageSpec Slim = new("reducer", ImageFlavour.Slim, "reducer", "docker/bridge-nodes/Dockerfile.reducer", "runtime",
        ["slim"], new Dictionary<string, string>(), new Dictionary<string, string>()) { SourceDateEpoch = 1_700_000_000 };

    private static string DataText(string name) => File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "SupplyChain", "Data", name));

    private static (ImageSboms Sboms, RecordingProcessRunner Processes, ProcessContext Cake) Sboms(string root, bool dryRun, string output,
        Func<ImageSpec, string>? packagesDigest = null)
    {
        var processes = new RecordingProcessRunner { Respond = (_, _) => (0, output.Split('\n')) };
        var cake = new ProcessContext(processes);
        var sboms = new ImageSboms(new DirectoryPath(root), () => "omninode-bridge", RunServices.Runner(cake, dryRun),
            () => new DockerCommands("docker", new DirectoryPath(root)), RunServices.Effects(dryRun), cake.Log,
            packagesDigest ?? (_ => "sha256:packages"));
        return (sboms, processes, cake);
    }

    [Test]
    public void A_rebuild_whose_packages_cannot_have_changed_keeps_the_SBOM_without_running_the_generator()
    {
        using var repository = new TestRepository();
        var (first, _, _) = Sboms(repository.Root, dryRun: false, DataText("current.spdx.json"));
        first.Write(Slim);
        var (second, processes, cake) = Sboms(repository.Root, dryRun: false, DataText("previous.spdx.json"));

        var summary = second.Write(Slim)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.Empty, "the generator does not run again");
            Assert.That(summary.Packages, Is.EqualTo(10));
            Assert.That(summary.Changes!.None, Is.True, "nothing changed since the kept SBOM");
            Assert.That(File.ReadAllText(repository.PathOf("artifacts/sbom/reducer-slim.spdx.json")), Is.EqualTo(DataText("current.spdx.json") + "\n"));
            Assert.That(string.Join("\n", cake.CollectedLog.Lines), Does.Contain("kept"));
        }
    }

    // Each of these makes the kept SBOM stale: what the image installs, the commit time it carries, or the file itself.
    [TestCase("packages")]
    [TestCase("epoch")]
    [TestCase("edited file")]
    [TestCase("no record")]
    public void The_generator_runs_again_when_what_the_SBOM_was_made_from_changed(string change)
    {
        using var repository = new TestRepository();
        var (first, _, _) = Sboms(repository.Root, dryRun: false, DataText("previous.spdx.json"));
        first.Write(Slim);
        var spec = change == "epoch" ? Slim with { SourceDateEpoch = 1_700_000_001 } : Slim;
        if (change == "edited file")
        {
            File.AppendAllText(repository.PathOf("artifacts/sbom/reducer-slim.spdx.json"), " ");
        }

        if (change == "no record")
        {
            File.Delete(repository.PathOf(".build/sbom/reducer-slim.spdx.json.inputs"));
        }

        var (second, processes, _) = Sboms(repository.Root, dryRun: false, DataText("current.spdx.json"),
            change == "packages" ? _ => "sha256:other" : null);

        var summary = second.Write(spec)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Has.Count.EqualTo(1));
            Assert.That(summary.Changes!.Describe(), Is.EqualTo("1 added, 1 removed, 1 changed"));
        }
    }

    [Test]
    public void The_generator_runs_inside_the_image_as_root_without_network_at_the_commit_s_time()
    {
        var command = Sboms("/repo", dryRun: true, "").Sboms.Command(Slim);
        Assert.That(command.ArgumentList, Is.EqualTo(new[]
        {
            "run", "--rm", "--network none", "--user 0:0", "--entrypoint python3", "--volume /repo/docker/sbom-generator:/run/sbom-generator:ro",
            "--env SOURCE_DATE_EPOCH=1700000000", "reducer:slim", "/run/sbom-generator/sbom_generator.py", "--root /", "--project omninode-bridge",
        }));
    }

    [Test]
    public void A_build_writes_the_SBOM_and_keeps_the_previous_one_to_compare()
    {
        using var repository = new TestRepository();
        repository.Write("artifacts/sbom/reducer-slim.spdx.json", DataText("previous.spdx.json"));
        var (sboms, processes, _) = Sboms(repository.Root, dryRun: false, DataText("current.spdx.json"));

        var summary = sboms.Write(Slim)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Has.Count.EqualTo(1));
            Assert.That(summary.File, Is.EqualTo("artifacts/sbom/reducer-slim.spdx.json"));
            Assert.That(summary.Packages, Is.EqualTo(10));
            Assert.That(summary.Changes!.Describe(), Is.EqualTo("1 added, 1 removed, 1 changed"));
            Assert.That(File.ReadAllText(repository.PathOf("artifacts/sbom/previous/reducer-slim.spdx.json")), Is.EqualTo(DataText("previous.spdx.json")));
            Assert.That(sboms.Existing(Slim), Is.EqualTo(summary).Using<SbomSummary>((a, b) => a.File == b.File && a.Packages == b.Packages));
        }
    }

    [Test]
    public void A_dry_run_shows_the_command_and_writes_nothing()
    {
        using var repository = new TestRepository();
        var (sboms, processes, cake) = Sboms(repository.Root, dryRun: true, DataText("current.spdx.json"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sboms.Write(Slim), Is.Null);
            Assert.That(processes.CommandLines, Is.Empty);
            Assert.That(Directory.Exists(repository.PathOf("artifacts")), Is.False);
            Assert.That(string.Join("\n", cake.CollectedLog.Lines), Does.Contain("sbom_generator.py"));
        }
    }

    [Test]
    public void A_generator_that_prints_no_SPDX_document_fails_the_build_and_leaves_the_last_SBOM()
    {
        using var repository = new TestRepository();
        repository.Write("artifacts/sbom/reducer-slim.spdx.json", DataText("previous.spdx.json"));
        var (sboms, _, _) = Sboms(repository.Root, dryRun: false, "Traceback (most recent call last):");
        Assert.That(() => sboms.Write(Slim), Throws.TypeOf<Cake.Core.CakeException>().With.Message.Contains("printed no SPDX 2.x document"));
        Assert.That(File.ReadAllText(repository.PathOf("artifacts/sbom/reducer-slim.spdx.json")), Is.EqualTo(DataText("previous.spdx.json")));
    }
}
