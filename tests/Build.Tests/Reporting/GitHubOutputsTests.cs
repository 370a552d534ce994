using System.Text.Json;
using Build.Images;
using Build.Reporting;

namespace Build.Tests.Reporting;

public sealed class GitHubOutputsTests
{
    [Test]
    public void Each_output_is_written_in_the_heredoc_form()
    {
        var text = GitHubOutputs.Format(new SortedDictionary<string, string> { ["images"] = "[\n]", ["version"] = "0.1.0" }, "EOF_X");
        Assert.That(text, Is.EqualTo("images<<EOF_X\n[\n]\nEOF_X\nversion<<EOF_X\n0.1.0\nEOF_X\n"));
    }

    [Test]
    public void A_value_containing_the_delimiter_is_refused()
    {
        Assert.That(() => GitHubOutputs.Format(new Dictionary<string, string> { ["x"] = "a\nEOF_X\nb" }, "EOF_X"), Throws.ArgumentException);
    }

    [Test]
    public void Delimiters_differ_between_runs()
    {
        var first = GitHubOutputs.NewDelimiter();
        Assert.That(GitHubOutputs.NewDelimiter(), Is.Not.EqualTo(first));
    }

    [Test]
    public void Outputs_round_trip_through_the_heredoc_reader()
    {
        var report = new BuildReport();
        report.ImageBuilt(
            new ImageSpec("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production", ["prod"],
                new Dictionary<string, string>(), new Dictionary<string, string>()),
            "sha256:1", 2);
        var document = report.Snapshot("Production", false, DateTimeOffset.UtcNow, "0.1.0", "abc");
        var parsed = BuildTaskLifetimeTests.ParseOutputs(GitHubOutputs.Format(GitHubOutputs.From(document), GitHubOutputs.NewDelimiter()));
        using var images = JsonDocument.Parse(parsed["images"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parsed["version"], Is.EqualTo("0.1.0"));
            Assert.That(parsed["sha"], Is.EqualTo("abc"));
            Assert.That(images.RootElement[0].GetProperty("digest").GetString(), Is.EqualTo("sha256:1"));
        }
    }

    [TestCase("sha256:6c29333666939ceacaf69b115cf9a876f9391baf0a201d1bffc912964f62bcdb", "sha256:6c2933366693")]
    [TestCase("sha256:abc", "sha256:abc")]
    public void Summary_shows_digests_as_docker_does(string digest, string shown)
    {
        Assert.That(StepSummary.Short(digest), Is.EqualTo(shown));
    }

    [Test]
    public void Summary_escapes_pipes_and_newlines_in_table_cells()
    {
        var report = new BuildReport();
        report.ImageSkipped(
            new ImageSpec("reducer", ImageFlavour.Slim, "reducer", "d", "runtime", ["slim"],
                new Dictionary<string, string>(), new Dictionary<string, string>()),
            "a | b\nc");
        var summary = StepSummary.Render(report.Snapshot("Slim", false, DateTimeOffset.UtcNow, null, null));
        Assert.That(summary, Does.Contain("| skipped: a \\| b c |"));
    }
}
