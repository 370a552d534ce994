using Build.Images.Digest;

namespace Build.Tests.Images.Digest;

public sealed class DockerIgnoreTests
{
    private const string AllowList = "*\n!pyproject.toml\n!poetry.lock\n!src/\n\nbuild/\n**/bin/\n**/__pycache__/\n**/*.pyc\n";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(AllowList, "README.md", true).SetName("Star_ignores_top_level_files");
        yield return new TestCaseData(AllowList, "pyproject.toml", false).SetName("Exception_puts_a_file_back");
        yield return new TestCaseData(AllowList, "src/omninode_bridge/server.py", false).SetName("Exception_on_a_directory_puts_its_files_back");
        yield return new TestCaseData(AllowList, "src/omninode_bridge/__pycache__/server.cpython-311.pyc", true)
            .SetName("Double_star_matches_directories_at_any_depth");
        yield return new TestCaseData(AllowList, "src/a/b/c.pyc", true).SetName("Double_star_slash_star_matches_extensions_at_any_depth");
        yield return new TestCaseData(AllowList, "src/bin/tool", true).SetName("Later_pattern_wins_over_an_earlier_exception");
        yield return new TestCaseData("/secrets\n", "secrets/key", true).SetName("Leading_slash_is_stripped");
        yield return new TestCaseData("docs/*.md\n", "docs/sub/a.md", false).SetName("Star_does_not_cross_a_slash");
        yield return new TestCaseData("docs/?.md\n", "docs/a.md", true).SetName("Question_mark_is_one_character");
        yield return new TestCaseData("file[0-9].txt\n", "file7.txt", true).SetName("Character_class_matches");
        yield return new TestCaseData("*.log\n!keep.log\n", "keep.log", false).SetName("Exception_after_a_wildcard");
        yield return new TestCaseData("a/../b\n", "b/x", true).SetName("Patterns_are_cleaned");
        yield return new TestCaseData("# comment\n\n", "# comment", false).SetName("Comments_and_blank_lines_are_not_patterns");
        yield return new TestCaseData("**\n!src\n", "src/x.py", false).SetName("Double_star_alone_matches_everything");
    }

    [TestCaseSource(nameof(Cases))]
    public void Dockerignore_follows_dockers_rules(string text, string path, bool ignored) =>
        Assert.That(DockerIgnore.Parse(text).IsIgnored(path), Is.EqualTo(ignored));

    [Test]
    public void A_directory_is_skipped_only_when_no_later_exception_can_bring_a_file_back()
    {
        var ignore = DockerIgnore.Parse(AllowList);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ignore.CanSkipDirectory("src/pkg/__pycache__"), Is.True);
            Assert.That(ignore.CanSkipDirectory("docs"), Is.False, "'*' is followed by exceptions");
            Assert.That(ignore.CanSkipDirectory("src"), Is.False, "not ignored at all");
        }
    }
}
