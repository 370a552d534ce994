using Build.PackageIndex;

namespace Build.Tests.PackageIndex;

public sealed class PackageIndexVariablesTests
{
    [Test]
    public void The_variables_are_taken_and_the_progress_lines_kept_apart()
    {
        var variables = PackageIndexVariables.Parse(
        [
            "package-index: answering on http://127.0.0.1:3141/simple/ (pid 12)",
            "INDEX_URL=http://127.0.0.1:3141/simple/",
            "POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME=bridge",
            "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD=p=a=ss",
            "Get:1 http://deb.debian.org/debian bookworm/main amd64 python3-h11 all 0.14.0-1 [50 kB]",
        ], out var progress);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(variables["POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"], Is.EqualTo("p=a=ss"));
            Assert.That(variables.Keys, Is.EquivalentTo(
                new[] { "INDEX_URL", "POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME", "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD" }));
            Assert.That(progress, Has.Count.EqualTo(2));
            Assert.That(string.Join("\n", progress), Does.Not.Contain("p=a=ss"));
        }
    }
}
