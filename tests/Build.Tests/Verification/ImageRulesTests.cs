using Build.Images;
using Build.Verification;

namespace Build.Tests.Verification;

public sealed class ImageRulesTests
{
    private static readonly VerifyBudget Budget = new(200, 120);

    private static readonly IReadOnlyDictionary<string, string> AllLabels = new Dictionary<string, string>
    {
        ["org.opencontainers.image.title"] = "omninode-bridge-orchestrator",
        ["org.opencontainers.image.version"] = "0.1.0",
        ["org.opencontainers.image.revision"] = "0123456789abcdef0123456789abcdef01234567",
    };

    private static ImageFacts Good(ImageFlavour flavour = ImageFlavour.Production) =>
        new("orchestrator:prod", flavour, "10001:10001", HasHealthcheck: true, SizeBytes: 125_000_000, AllLabels,
            HasPoetry: flavour == ImageFlavour.Slim ? false : null);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Good(), true, Array.Empty<string>()).SetName("A non-root image with a health check, labels and a small size passes");
        yield return new TestCaseData(Good() with { User = "" }, true, new[] { ImageRules.RunsAsRoot }).SetName("An image without USER runs as root");
        yield return new TestCaseData(Good() with { User = "root" }, true, new[] { ImageRules.RunsAsRoot }).SetName("USER root runs as root");
        yield return new TestCaseData(Good() with { User = "0:0" }, true, new[] { ImageRules.RunsAsRoot }).SetName("USER 0:0 runs as root");
        yield return new TestCaseData(Good() with { User = "app" }, true, Array.Empty<string>()).SetName("A named non-root user passes");
        yield return new TestCaseData(Good() with { HasHealthcheck = false }, true, new[] { ImageRules.NoHealthcheck })
            .SetName("An image without HEALTHCHECK is reported");
        yield return new TestCaseData(Good(ImageFlavour.Slim) with { HasPoetry = true, SizeBytes = 100_000_000 }, true, new[] { ImageRules.PoetryInSlim })
            .SetName("Poetry in a slim image is reported");
        yield return new TestCaseData(Good() with { HasPoetry = true }, true, Array.Empty<string>()).SetName("Poetry in a production image is allowed");
        yield return new TestCaseData(Good() with { SizeBytes = 200_000_001 }, true, new[] { ImageRules.OverBudget })
            .SetName("A production image over its budget is reported");
        yield return new TestCaseData(Good() with { SizeBytes = 200_000_000 }, true, Array.Empty<string>())
            .SetName("A production image exactly at its budget passes");
        yield return new TestCaseData(Good(ImageFlavour.Slim) with { SizeBytes = 125_000_000 }, true, new[] { ImageRules.OverBudget })
            .SetName("A slim image is held to the slim budget");
        yield return new TestCaseData(Good() with { Labels = new Dictionary<string, string>() }, true, new[] { ImageRules.MissingLabel })
            .SetName("Missing OCI labels are reported once");
        yield return new TestCaseData(Good() with { Labels = AllLabels.Where(p => !p.Key.EndsWith("revision")).ToDictionary() }, false, Array.Empty<string>())
            .SetName("Revision is not required outside git");
        yield return new TestCaseData(Good() with { SecretsFound = ["POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"] }, true, new[] { ImageRules.SecretInImage })
            .SetName("A build secret's value in the image is reported");
        yield return new TestCaseData(Good() with { SecretsFound = [] }, true, Array.Empty<string>()).SetName("A scanned image without secrets passes");
        yield return new TestCaseData(
                new ImageFacts("bad:latest", ImageFlavour.Production, "", false, 1, new Dictionary<string, string>()), false,
                new[] { ImageRules.RunsAsRoot, ImageRules.NoHealthcheck, ImageRules.MissingLabel })
            .SetName("Every broken rule is listed");
    }

    [TestCaseSource(nameof(Cases))]
    public void Rules(ImageFacts image, bool inGit, string[] expected)
    {
        Assert.That(ImageRules.Check(image, Budget, inGit).Select(violation => violation.Rule), Is.EqualTo(expected));
    }

    [Test]
    public void Missing_labels_are_named_in_the_message()
    {
        var violation = ImageRules.Check(Good() with { Labels = new Dictionary<string, string>() }, Budget, requireRevision: true).Single();
        Assert.That(violation.Message, Does.Contain("org.opencontainers.image.title").And.Contain("org.opencontainers.image.revision"));
    }

    [TestCase("", true)]
    [TestCase("root", true)]
    [TestCase("0", true)]
    [TestCase("root:root", true)]
    [TestCase("10001", false)]
    [TestCase("10001:10001", false)]
    [TestCase("app:0", false)]
    public void Root_is_an_empty_user_root_or_uid_0(string user, bool root)
    {
        Assert.That(ImageRules.IsRoot(user), Is.EqualTo(root));
    }

    [TestCase(null, false, false)]
    [TestCase("true", false, true)]
    [TestCase("TRUE", false, true)]
    [TestCase("1", false, true)]
    [TestCase("false", false, false)]
    [TestCase(null, true, true)]
    public void Ci_is_ci_true_or_github_actions(string? ci, bool gitHubActions, bool expected)
    {
        Assert.That(CiDetection.IsCi(ci, gitHubActions), Is.EqualTo(expected));
    }
}
