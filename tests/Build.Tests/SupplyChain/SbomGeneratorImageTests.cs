using Build.SupplyChain;
using Build.Tests.Support;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.SupplyChain;

/// <summary>The generator image: named by its folder's content, built from the runtime base, once per run and only when missing.</summary>
public sealed class SbomGeneratorImageTests
{
    private static SbomGeneratorImage Image(string root, RecordingProcessRunner processes) =>
        new(new DirectoryPath(root), "omninode/python:3.11-bookworm", () => "omninode-bridge",
            RunServices.Runner(new ProcessContext(processes), dryRun: false));

    [Test]
    public void A_changed_script_is_another_image()
    {
        using var repository = new TestRepository();
        repository.Write("docker/sbom-generator/sbom_generator.py", "print(1)\n");
        var before = Image(repository.Root, new RecordingProcessRunner()).Name;
        repository.Write("docker/sbom-generator/sbom_generator.py", "print(2)\n");
        var after = Image(repository.Root, new RecordingProcessRunner()).Name;
        Assert.That(before, Does.Match("^omninode-bridge/sbom-generator:[0-9a-f]{12}$").And.Not.EqualTo(after));
    }

    [Test]
    public void It_is_built_from_its_own_folder_once_and_only_when_the_engine_lacks_it()
    {
        using var repository = new TestRepository();
        repository.Write("docker/sbom-generator/sbom_generator.py", "print(1)\n");
        var processes = new RecordingProcessRunner();
        var image = Image(repository.Root, processes);
        var docker = new DockerCommands("docker", new DirectoryPath(repository.Root));
        var asked = 0;

        image.Ensure(docker, _ => ++asked > 0);
        image.Ensure(docker, _ => ++asked > 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(asked, Is.EqualTo(1));
            Assert.That(processes.CommandLines, Has.Count.EqualTo(1));
            Assert.That(processes.CommandLines[0], Does.EndWith(
                $"buildx build -f docker/sbom-generator/Dockerfile -t {image.Name} --build-arg PROJECT=omninode-bridge " +
                "--build-arg PYTHON_IMAGE=omninode/python:3.11-bookworm --build-arg BUILDKIT_INLINE_CACHE=1 --progress plain --load docker/sbom-generator"));
        }

        var present = Image(repository.Root, processes);
        present.Ensure(docker, _ => false);
        Assert.That(processes.CommandLines, Has.Count.EqualTo(1), "an image the engine has is not built again");
    }
}
