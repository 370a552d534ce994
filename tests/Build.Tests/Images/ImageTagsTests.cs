using Build.Images;

namespace Build.Tests.Images;

public sealed class ImageTagsTests
{
    [TestCase("main", "main")]
    [TestCase("Feature/Login", "feature-login")]
    [TestCase("release/1.2.x", "release-1.2.x")]
    [TestCase("--weird..name", "weird..name")]
    [TestCase("日本語", null)]
    [TestCase("fix/ä-ö", "fix")]
    public void Branch_names_become_valid_tags(string branch, string? expected) =>
        Assert.That(ImageTags.FromBranch(branch), Is.EqualTo(expected));

    [Test]
    public void Long_branch_names_are_cut_to_128_characters()
    {
        var tag = ImageTags.FromBranch(new string('a', 300));
        Assert.That(tag, Has.Length.EqualTo(128));
    }

    [TestCase("prod", true)]
    [TestCase("1.0.0", true)]
    [TestCase("-x", false)]
    [TestCase(".x", false)]
    [TestCase("a/b", false)]
    [TestCase("", false)]
    public void Tag_validity_follows_docker(string tag, bool valid) => Assert.That(ImageTags.IsValid(tag), Is.EqualTo(valid));
}
