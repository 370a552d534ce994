using Build.Context;

namespace Build.Tests.Context;

public sealed class NearestNameTests
{
    [TestCase("forse", "force")]
    [TestCase("no-cahce", "no-cache")]
    [TestCase("REGISTRY", "registry")]
    [TestCase("wait-timout", "wait-timeout")]
    [TestCase("zzzzzzzz", null)]
    [TestCase("pul", "pull")]
    public void The_nearest_name_is_within_a_third_of_its_length(string typed, string? expected) =>
        Assert.That(NearestName.Of(typed, ["force", "no-cache", "registry", "wait-timeout", "pull", "tag"]), Is.EqualTo(expected));

    [TestCase("", "", 0)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("no-cahce", "no-cache", 2)]
    [TestCase("abc", "", 3)]
    public void Distance_counts_single_character_edits(string from, string to, int expected) =>
        Assert.That(NearestName.Distance(from, to), Is.EqualTo(expected));
}
