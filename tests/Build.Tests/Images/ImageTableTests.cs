using Build.Context;
using Build.Images;

namespace Build.Tests.Images;

/// <summary>The one table of images: a line per flavour, the services, and the repository rule.</summary>
public sealed class ImageTableTests
{
    [TestCase(ImageFlavour.Development, "development", "dev")]
    [TestCase(ImageFlavour.Production, "production", "prod")]
    public void A_build_target_reads_its_stage_and_tag_from_the_flavour_line(ImageFlavour target, string stage, string tag)
    {
        var row = ImageTable.Of(target);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(row.Stage, Is.EqualTo(stage));
        Assert.That(row.Tag, Is.EqualTo(tag));
        Assert.That(row.Dockerfile("reducer"), Is.EqualTo("deployment/Dockerfile.reducer"));
    }

    [TestCase(null, "orchestrator", "orchestrator")]
    [TestCase("127.0.0.1:5000/omninode", "reducer", "127.0.0.1:5000/omninode/reducer")]
    public void A_repository_is_the_service_under_the_registry_prefix(string? registry, string service, string expected) =>
        Assert.That(ImageTable.Repository(registry, service), Is.EqualTo(expected));

    [TestCase("development", ImageFlavour.Development)]
    [TestCase("DEV", ImageFlavour.Development)]
    [TestCase(" production ", ImageFlavour.Production)]
    [TestCase("prod", ImageFlavour.Production)]
    public void A_build_target_is_a_stage_named_by_its_stage_or_its_tag(string value, ImageFlavour expected)
    {
        using var scope = Assert.EnterMultipleScope();
        Assert.That(BuildTargets.TryParse(value, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(expected));
    }

    [TestCase("slim")]
    [TestCase("runtime")]
    [TestCase("staging")]
    public void Slim_is_no_build_target(string value)
    {
        using var scope = Assert.EnterMultipleScope();
        Assert.That(BuildTargets.TryParse(value, out _), Is.False);
        Assert.That(BuildTargets.ValidNames, Is.EqualTo(new[] { "development", "production" }));
    }
}
