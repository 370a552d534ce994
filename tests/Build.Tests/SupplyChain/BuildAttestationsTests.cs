using Build.Images;
using Build.SupplyChain;
using Build.Tools.Docker;

namespace Build.Tests.SupplyChain;

/// <summary>Which builds attach provenance and an SBOM: decided from the builder and the engine's image store only.</summary>
public sealed class BuildAttestationsTests
{
    private const string Generator = "omninode-bridge/sbom-generator:0123456789ab";

    [TestCase(ImageFlavour.Production, DockerBuilder.Buildx, ImageStores.Containerd, true)]
    [TestCase(ImageFlavour.Slim, DockerBuilder.Buildx, ImageStores.Containerd, true)]
    [TestCase(ImageFlavour.Development, DockerBuilder.Buildx, ImageStores.Containerd, false)]
    [TestCase(ImageFlavour.Production, DockerBuilder.Buildx, ImageStores.Classic, false)]
    [TestCase(ImageFlavour.Production, DockerBuilder.Buildx, null, false)]
    [TestCase(ImageFlavour.Production, DockerBuilder.BuildKitEnvironment, ImageStores.Containerd, false)]
    [TestCase(ImageFlavour.Production, DockerBuilder.Legacy, ImageStores.Containerd, false)]
    public void Shipped_images_attest_on_buildx_with_the_containerd_store(ImageFlavour flavour, DockerBuilder builder, string? store, bool attests)
    {
        var attestations = BuildAttestations.For(flavour, builder, store, Generator);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attestations, Is.EqualTo(attests ? new[] { "type=provenance,mode=max", $"type=sbom,generator={Generator}" } : []));
            Assert.That(BuildAttestations.CarryProvenance(attestations), Is.EqualTo(attests));
        }
    }
}

/// <summary>SOURCE_DATE_EPOCH of a build: the commit's time, outside the input digest.</summary>
public sealed class SourceDateEpochTests
{
    private static readonly Build.Context.ProjectMetadata Project = new("omninode-bridge", "0.1.0");

    [Test]
    public void An_image_is_built_at_its_commit_s_time_which_is_no_input_of_its_digest()
    {
        var committed = new Build.Git.GitFacts("0123456789abcdef0123456789abcdef01234567", "main", null, false,
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), null);
        var spec = ImagePlanner.Plan("reducer", ImageFlavour.Slim, Support.TestOptions.Default(), Project, committed);
        var settings = ImageBuilder.Settings(spec, Support.TestOptions.Default(), DockerBuilder.Buildx);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(spec.SourceDateEpoch, Is.EqualTo(1_700_000_000));
            Assert.That(settings.SourceDateEpoch, Is.EqualTo(1_700_000_000));
            Assert.That(spec.BuildArgs.Keys, Does.Not.Contain("SOURCE_DATE_EPOCH"), "the build args are inputs of the digest");
            Assert.That(ImagePlanner.Plan("reducer", ImageFlavour.Slim, Support.TestOptions.Default(), Project, Build.Git.GitFacts.None).SourceDateEpoch,
                Is.Null);
        }
    }
}
