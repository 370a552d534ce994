using Build.Swarm;

namespace Build.Tests.Swarm;

public sealed class DeployImagesTests
{
    private const string Registry = "10.213.0.1:5000/omninode/";

    private static string Digest(string reference) => reference switch
    {
        Registry + "orchestrator:sha-abc1234" => "sha256:" + new string('a', 64),
        Registry + "reducer:sha-abc1234" => "sha256:" + new string('b', 64),
        _ => throw new AssertionException($"asked for {reference}"),
    };

    [Test]
    public void Each_service_runs_the_digest_the_registry_has_for_the_pushed_tag()
    {
        var images = DeployImages.Resolve(Registry, "sha-abc1234", ["orchestrator", "reducer"], Digest);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(images.References, Is.EqualTo(new[]
            {
                Registry + "orchestrator@sha256:" + new string('a', 64),
                Registry + "reducer@sha256:" + new string('b', 64),
            }));
            Assert.That(images.Images.Select(image => image.Tagged),
                Is.EqualTo(new[] { Registry + "orchestrator:sha-abc1234", Registry + "reducer:sha-abc1234" }));
            Assert.That(images.Variables, Is.EqualTo(new Dictionary<string, string>
            {
                ["ORCHESTRATOR_IMAGE"] = images.References[0],
                ["REDUCER_IMAGE"] = images.References[1],
            }));
        }
    }

    [Test]
    public void The_same_digest_under_a_new_tag_is_the_same_reference()
    {
        var first = DeployImages.Resolve(Registry, "sha-1111111", ["reducer"], _ => "sha256:" + new string('c', 64));
        var second = DeployImages.Resolve(Registry, "sha-2222222", ["reducer"], _ => "sha256:" + new string('c', 64));
        Assert.That(second.References, Is.EqualTo(first.References), "an image that did not change must leave its service alone");
    }

    [Test]
    public void A_dry_run_names_the_tag_each_digest_would_be_read_from() =>
        Assert.That(DeployImages.Described(Registry, "prod", ["reducer"]).References,
            Is.EqualTo(new[] { Registry + "reducer@{digest-of-reducer:prod}" }));
}
