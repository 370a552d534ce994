namespace Build.Tests.Support;

public sealed class EngineTagsTests
{
    [Test]
    public void Removed_added_and_moved_tags_are_each_named_and_untagged_images_are_not_tags()
    {
        var before = EngineTags.Parse("orchestrator:prod sha256:a\nreducer:prod sha256:b\nomninode/python:3.11-bookworm sha256:c\n<none>:<none> sha256:d\n");
        var after = EngineTags.Parse(
            "orchestrator:prod sha256:e\nomninode/python:3.11-bookworm sha256:c\nimagetests.local/x/reducer:prod sha256:b\n<none>:<none> sha256:f\n");

        Assert.That(after.ChangesSince(before), Is.EqualTo(new[]
        {
            "added: imagetests.local/x/reducer:prod (sha256:b)",
            "moved: orchestrator:prod (sha256:a -> sha256:e)",
            "removed: reducer:prod (was sha256:b)",
        }));
    }

    [Test]
    public void The_same_tags_on_the_same_images_are_no_change() =>
        Assert.That(EngineTags.Parse("a:1 sha256:a\nb:2 sha256:b").ChangesSince(EngineTags.Parse("b:2 sha256:b\na:1 sha256:a")), Is.Empty);

    [TestCase("127.0.0.1:5999/report-test/reducer:prod", true)]
    [TestCase("imagetests.local/x/reducer:prod", true)]
    [TestCase("localhost/reducer:prod", true)]
    [TestCase("orchestrator:prod", false)]
    [TestCase("omninode/python:3.11-bookworm", false)]
    public void A_tag_under_a_registry_name_is_told_from_a_users_local_tag(string tag, bool underRegistry) =>
        Assert.That(EngineTags.UnderRegistry(tag), Is.EqualTo(underRegistry));
}
