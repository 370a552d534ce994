using Build.Images;

namespace Build.Tests.Images;

public sealed class ImageFreshnessTests
{
    private const string Digest = "sha256:1111";

    private static readonly ImageSpec Spec = new("orchestrator", ImageFlavour.Production, "orchestrator", "deployment/Dockerfile.orchestrator", "production",
        ["prod", "latest", "0.1.0"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly string[] AllTags = ["orchestrator:prod", "orchestrator:latest", "orchestrator:0.1.0"];

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new ImageState("sha256:a", Digest, AllTags), false, FreshnessVerdict.UpToDate, Array.Empty<string>())
            .SetName("Same_digest_and_all_tags_is_up_to_date");
        yield return new TestCaseData(new ImageState("sha256:a", Digest, AllTags), true, FreshnessVerdict.Build, Array.Empty<string>())
            .SetName("Force_builds_anyway");
        yield return new TestCaseData(null, false, FreshnessVerdict.Build, Array.Empty<string>()).SetName("A_missing_image_is_built");
        yield return new TestCaseData(new ImageState("sha256:a", null, AllTags), false, FreshnessVerdict.Build, Array.Empty<string>())
            .SetName("An_image_without_the_label_is_built");
        yield return new TestCaseData(new ImageState("sha256:a", "sha256:2222", AllTags), false, FreshnessVerdict.Build, Array.Empty<string>())
            .SetName("A_different_digest_is_built");
        yield return new TestCaseData(
                new ImageState("sha256:a", Digest, ["orchestrator:prod"]), false, FreshnessVerdict.Retag, new[] { "orchestrator:latest", "orchestrator:0.1.0" })
            .SetName("Missing_tags_are_added_instead_of_building");
    }

    [TestCaseSource(nameof(Cases))]
    public void Freshness_decides_build_skip_or_retag(ImageState? existing, bool force, FreshnessVerdict verdict, string[] missing)
    {
        var freshness = ImageFreshness.Decide(Spec, Digest, existing, force);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(freshness.Verdict, Is.EqualTo(verdict));
            Assert.That(freshness.MissingReferences, Is.EqualTo(missing));
        }
    }

    [Test]
    public void Inspect_output_is_parsed_with_label_tags_and_size()
    {
        var state = ImageState.FromInspectOutput(
            """[{"Id":"sha256:abc","Size":124639378,"RepoTags":["orchestrator:prod","orchestrator:latest"],"Config":""" +
            """{"Labels":{"io.omninode.bridge.input-digest":"sha256:1111","x":"y"}}}]""").Single();
        using var scope = Assert.EnterMultipleScope();
        Assert.That(state.Id, Is.EqualTo("sha256:abc"));
        Assert.That(state.InputDigest, Is.EqualTo(Digest));
        Assert.That(state.RepoTags, Is.EqualTo(new[] { "orchestrator:prod", "orchestrator:latest" }));
        Assert.That(state.SizeBytes, Is.EqualTo(124639378));
    }

    [Test]
    public void Inspect_output_of_an_image_without_labels_has_no_digest() =>
        Assert.That(ImageState.FromInspectOutput("""[{"Id":"sha256:abc","RepoTags":[],"Config":{"Labels":null}}]""").Single().InputDigest, Is.Null);

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("not json")]
    [TestCase("""[{"Id":"abc"}]""")]
    public void Output_that_holds_no_image_gives_no_state(string output) =>
        Assert.That(ImageState.FromInspectOutput(output), Is.Empty);

    [Test]
    public void The_digest_label_is_added_to_the_build_labels()
    {
        var labels = ImageBuilder.WithDigest(new Dictionary<string, string> { ["a"] = "b" }, Digest);
        Assert.That(labels, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "b", [ImageFreshness.DigestLabel] = Digest }));
    }

    [Test]
    public void One_inspect_of_several_references_is_mapped_back_by_tags_and_missing_errors()
    {
        var matched = ImageState.Match(
            ["orchestrator:prod", "omninode/python:3.11-bookworm", "reducer:prod", "busybox", "sha256:abcd"],
            ImageState.FromInspectOutput("""
                [{"Id":"sha256:1","RepoTags":["orchestrator:latest","orchestrator:prod"],"Config":{"Labels":{"io.omninode.bridge.input-digest":"sha256:1111"}}},
                 {"Id":"sha256:2","RepoTags":["omninode/python:3.11-bookworm"]},
                 {"Id":"sha256:3","RepoTags":["busybox:latest"]}]
                """),
            ["Error response from daemon: no such image: reducer:prod: No such image: reducer:prod"])
            .ToDictionary(pair => pair.Reference, pair => pair.State?.Id);
        Assert.That(matched, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["orchestrator:prod"] = "sha256:1",
            ["omninode/python:3.11-bookworm"] = "sha256:2",
            ["reducer:prod"] = null,
            ["busybox"] = "sha256:3",
        }));
    }
}
