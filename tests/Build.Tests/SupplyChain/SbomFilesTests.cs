using Build.Images;
using Build.SupplyChain;

namespace Build.Tests.SupplyChain;

/// <summary>The path rule Push relies on to attach the SBOM the build wrote.</summary>
public sealed class SbomFilesTests
{
    [TestCase("orchestrator", ImageFlavour.Production, "/repo/artifacts/sbom/orchestrator-production.spdx.json")]
    [TestCase("reducer", ImageFlavour.Slim, "/repo/artifacts/sbom/reducer-slim.spdx.json")]
    public void An_image_s_SBOM_is_named_by_service_and_flavour(string service, ImageFlavour flavour, string expected) =>
        Assert.That(SbomFiles.PathFor("/repo", service, flavour), Is.EqualTo(expected));

    [Test]
    public void The_previous_build_s_SBOM_is_kept_beside_it() =>
        Assert.That(SbomFiles.PreviousPathFor("/repo", "reducer", ImageFlavour.Slim), Is.EqualTo("/repo/artifacts/sbom/previous/reducer-slim.spdx.json"));
}
