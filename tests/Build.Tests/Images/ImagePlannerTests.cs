using Build.Context;
using Build.Git;
using Build.Images;
using Build.Tests.Support;

namespace Build.Tests.Images;

public sealed class ImagePlannerTests
{
    private static readonly ProjectMetadata Project = new("omninode-bridge", "1.4.0");

    private static readonly GitFacts Git = new(
        "0123456789abcdef0123456789abcdef01234567", "Feature/Login_Page", null, false,
        new DateTimeOffset(2026, 11, 30, 12, 0, 5, TimeSpan.FromHours(1)), "https://user:secret@example.invalid/omninode/bridge.git");

    private static IEnumerable<TestCaseData> TagCases()
    {
        yield return new TestCaseData(ImageFlavour.Development, Git, Array.Empty<string>(), new[] { "dev" }).SetName("Development_is_tagged_dev_only");
        yield return new TestCaseData(
                ImageFlavour.Production, Git, Array.Empty<string>(), new[] { "prod", "latest", "1.4.0", "sha-0123456", "feature-login_page" })
            .SetName("Production_gets_flavour_latest_version_sha_and_branch");
        yield return new TestCaseData(
                ImageFlavour.Slim, Git, Array.Empty<string>(), new[] { "slim", "1.4.0-slim", "sha-0123456-slim", "feature-login_page-slim" })
            .SetName("Slim_tags_carry_the_slim_suffix");
        yield return new TestCaseData(ImageFlavour.Production, GitFacts.None, Array.Empty<string>(), new[] { "prod", "latest", "1.4.0" })
            .SetName("Outside_git_there_are_no_sha_or_branch_tags");
        yield return new TestCaseData(
                ImageFlavour.Production, Git with { Branch = null }, new[] { "rc1", "latest" }, new[] { "prod", "latest", "1.4.0", "sha-0123456", "rc1" })
            .SetName("Extra_tags_are_added_once");
        yield return new TestCaseData(ImageFlavour.Development, Git, new[] { "pr-12" }, new[] { "dev", "pr-12" })
            .SetName("Extra_tags_go_to_the_development_image_too");
    }

    [TestCaseSource(nameof(TagCases))]
    public void Tags_follow_the_flavour_rules(ImageFlavour flavour, GitFacts git, string[] extra, string[] expected) =>
        Assert.That(ImagePlanner.Tags(flavour, Project.Version, git, extra), Is.EqualTo(expected));

    [Test]
    public void Labels_are_the_oci_set_with_commit_time_and_no_credentials()
    {
        var labels = ImagePlanner.Labels("reducer", Project, Git);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(labels["org.opencontainers.image.title"], Is.EqualTo("omninode-bridge-reducer"));
            Assert.That(labels["org.opencontainers.image.version"], Is.EqualTo("1.4.0"));
            Assert.That(labels["org.opencontainers.image.revision"], Is.EqualTo(Git.Sha));
            Assert.That(labels["org.opencontainers.image.created"], Is.EqualTo("2026-11-30T11:00:05Z"));
            Assert.That(labels["org.opencontainers.image.source"], Is.EqualTo("https://example.invalid/omninode/bridge.git"));
            Assert.That(labels["org.opencontainers.image.ref.name"], Is.EqualTo("Feature/Login_Page"));
            Assert.That(labels[ImagePlanner.ProjectLabel], Is.EqualTo("reducer"));
        }
    }

    [Test]
    public void Labels_outside_git_have_no_revision_created_or_ref()
    {
        var labels = ImagePlanner.Labels("reducer", Project, GitFacts.None);
        Assert.That(labels.Keys, Has.None.EndsWith("revision").And.None.EndsWith("created").And.None.EndsWith("ref.name"));
    }

    [Test]
    public void Registry_prefixes_the_repository()
    {
        var options = TestOptions.Default() with { Registry = "127.0.0.1:5000/omninode" };
        var spec = ImagePlanner.Plan("orchestrator", ImageFlavour.Production, options, Project, Git);
        Assert.That(spec.References.First(), Is.EqualTo("127.0.0.1:5000/omninode/orchestrator:prod"));
    }

    [TestCase(ImageFlavour.Development, "deployment/Dockerfile.reducer", "development")]
    [TestCase(ImageFlavour.Production, "deployment/Dockerfile.reducer", "production")]
    [TestCase(ImageFlavour.Slim, "docker/bridge-nodes/Dockerfile.reducer", "runtime")]
    public void Each_flavour_has_its_dockerfile_and_stage(ImageFlavour flavour, string dockerfile, string stage)
    {
        var spec = ImagePlanner.Plan("reducer", flavour, TestOptions.Default(), Project, Git);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(spec.Dockerfile, Is.EqualTo(dockerfile));
            Assert.That(spec.Stage, Is.EqualTo(stage));
        }
    }

    [Test]
    public void Only_given_base_images_become_build_arguments()
    {
        var options = TestOptions.Default() with { BaseImage = "omninode/python:3.11-bookworm", PoetryVersion = "1.3.2" };
        Assert.That(ImagePlanner.BuildArguments(options), Is.EqualTo(new Dictionary<string, string>
        {
            ["POETRY_VERSION"] = "1.3.2",
            ["PYTHON_IMAGE"] = "omninode/python:3.11-bookworm",
        }));
    }
}
