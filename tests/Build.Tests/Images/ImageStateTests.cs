using Build.Images;
using Build.Tests.Support;

namespace Build.Tests.Images;

/// <summary>
/// Image inspect documents of a Docker 26 engine with the containerd image store (Recorded/, described in its
/// README): ids that are index digests, OCI indexes with attestation manifests, and the newer Descriptor and
/// Manifests fields read into the same <see cref="ImageState"/> as the classic store's documents.
/// </summary>
public sealed class ImageStateTests
{
    private const string IndexDigest = "sha256:9f1c2d3e4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static string Recorded(string name) =>
        File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Images", "Recorded", name));

    /// <summary>The facts of one state, as values (its lists and labels compare by content).</summary>
    private static object Facts(ImageState state) => new
    {
        state.Id,
        state.InputDigest,
        Tags = string.Join(",", state.RepoTags),
        state.SizeBytes,
        state.User,
        state.HasHealthcheck,
        Labels = string.Join(",", state.Labels.Select(label => $"{label.Key}={label.Value}")),
    };

    private const string InputDigest = "sha256:4d2f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f";

    private static readonly object Orchestrator = new
    {
        Id = IndexDigest,
        InputDigest = (string?)InputDigest,
        Tags = "orchestrator:prod,orchestrator:latest,orchestrator:0.1.0",
        SizeBytes = 161352704L,
        User = "10001",
        HasHealthcheck = true,
        Labels = $"io.omninode.bridge.input-digest={InputDigest},org.opencontainers.image.title=orchestrator",
    };

    [TestCase("docker26-containerd-api-image.json", TestName = "The engine API's answer gives the index digest as id and the platform image's config")]
    [TestCase("docker28-containerd-image-manifests.json", TestName = "Descriptor and manifests with an attestation do not change what is read")]
    public void An_image_of_the_containerd_store_is_read_like_any_other(string recorded)
    {
        var state = ImageState.FromInspectDocument(Recorded(recorded));

        Assert.That(Facts(state!), Is.EqualTo(Orchestrator));
    }

    [Test]
    public void The_clients_inspect_array_gives_the_same_states_as_the_engine_API()
    {
        var states = ImageState.FromInspectOutput(Recorded("docker26-containerd-cli-image-inspect.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(states, Has.Count.EqualTo(2));
            Assert.That(Facts(states[0]), Is.EqualTo(Facts(ImageState.FromInspectDocument(Recorded("docker26-containerd-api-image.json"))!)));
            Assert.That(states[1].RepoTags, Is.EqualTo(new[] { "omninode/python:3.11-bookworm" }));
            Assert.That(states[1].InputDigest, Is.Null);
            Assert.That(states[1].HasHealthcheck, Is.False);
        }
    }

    [Test]
    public void References_of_one_containerd_store_inspect_are_mapped_back_by_their_tags()
    {
        var matched = ImageState.Match(
            ["orchestrator:prod", "omninode/python:3.11-bookworm", "reducer:prod"],
            ImageState.FromInspectOutput(Recorded("docker26-containerd-cli-image-inspect.json")),
            ["Error response from daemon: No such image: reducer:prod"]).ToDictionary(pair => pair.Reference, pair => pair.State?.Id);

        Assert.That(matched, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["orchestrator:prod"] = IndexDigest,
            ["omninode/python:3.11-bookworm"] = "sha256:c0ffee00d15ea5e0ba5eba11c0ffee00d15ea5e0ba5eba11c0ffee00d15ea5e0",
            ["reducer:prod"] = null,
        }));
    }

    [TestCase("""{"Id":"sha256:abc","Config":{"Healthcheck":{"Test":["NONE"]}}}""", false)]
    [TestCase("""{"Id":"sha256:abc","Config":{"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":1000000000}}}""", true)]
    [TestCase("""{"Id":"sha256:abc","Config":{"Healthcheck":null}}""", false)]
    [TestCase("""{"Id":"sha256:abc","Config":null}""", false)]
    public void A_health_check_switched_off_counts_as_none(string json, bool hasHealthcheck) =>
        Assert.That(ImageState.FromInspectDocument(json)!.HasHealthcheck, Is.EqualTo(hasHealthcheck));
}
