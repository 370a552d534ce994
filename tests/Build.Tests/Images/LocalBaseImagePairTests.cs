using Build.Images;
using Build.Tests.Support;

namespace Build.Tests.Images;

/// <summary>The two local base image pairs: which suite BaseImages bootstraps for each, and a mixed pair refused.</summary>
public sealed class LocalBaseImagePairTests
{
    [TestCase("omninode/python:3.11-bookworm", "bookworm")]
    [TestCase("omninode/poetry:2.1.2-trixie", "trixie")]
    [TestCase("python:3.12-slim", null)]
    public void An_image_name_belongs_to_its_pair(string image, string? suite) =>
        Assert.That(LocalBaseImagePair.Of(image)?.Suite, Is.EqualTo(suite));

    [Test]
    public void BaseImages_bootstraps_trixie_from_the_mirror_for_the_debian_13_pair()
    {
        using var repository = new ScratchRepository();
        var result = InProcessBuild.In(repository.Root, null, new RecordingProcessRunner(), "--target=BaseImages", "--dryrun",
            "--base-image=omninode/python:3.13-trixie", "--builder-image=omninode/poetry:2.1.2-trixie");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.All, Does.Contain("BASE_SOURCES=\"deb http://deb.debian.org/debian trixie main\"")
                .Or.Contain("BASE_SOURCES=deb http://deb.debian.org/debian trixie main"));
            Assert.That(result.All, Does.Contain("BASE_SUITE=trixie").And.Contain("BUILDER_IMAGE=omninode/poetry:2.1.2-trixie"));
        }
    }

    [Test]
    public void A_runtime_of_one_pair_with_the_builder_of_the_other_is_refused_naming_both_pairs()
    {
        using var repository = new ScratchRepository();
        var before = repository.Snapshot();
        var result = InProcessBuild.In(repository.Root, null, new RecordingProcessRunner(), "--target=EnsureLock",
            "--base-image=omninode/python:3.11-bookworm", "--builder-image=omninode/poetry:2.1.2-trixie");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("--base-image=omninode/python:3.11-bookworm and --builder-image=omninode/poetry:2.1.2-trixie")
                .And.Contain("--base-image=omninode/python:3.13-trixie --builder-image=omninode/poetry:2.1.2-trixie"));
            Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }
}
