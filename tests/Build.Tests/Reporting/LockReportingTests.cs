using Build.Lock;
using Build.Reporting;
using Cake.Core.IO;

namespace Build.Tests.Reporting;

public sealed class LockReportingTests
{
    private static LockVerdict Verdict(LockState state, string actual, string expected) =>
        new(state, "/repo/poetry.lock", "Poetry 1.8.3", null, expected, actual, ["tool.poetry.dependencies"], ["httpx"], ["six"], "poetry.lock is stale.");

    [Test]
    public void A_stale_lock_reports_what_it_disagrees_about()
    {
        var entry = LockReporting.Entry(Verdict(LockState.Stale, "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.State, Is.EqualTo("stale"));
            Assert.That(entry.Writer, Is.EqualTo("Poetry 1.8.3"));
            Assert.That(entry.Changes, Is.EqualTo(new[]
            {
                "content-hash aaaaaaaaaaaa in the lock, bbbbbbbbbbbb from pyproject.toml", "declared, not locked: httpx", "locked, not declared: six",
            }));
        }
    }

    [Test]
    public void A_regenerated_lock_reports_the_content_hash_it_replaced()
    {
        var before = Verdict(LockState.Stale, "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb");
        var after = Verdict(LockState.Fresh, "bbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbb") with { DeclaredButNotLocked = [], LockedButNotDeclared = [] };
        var entry = LockReporting.Entry(
            new EnsureLockResult(true, before, after, Regenerated: true, RestoredInterruptedBackup: false, "poetry.lock regenerated."));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.State, Is.EqualTo("regenerated"));
            Assert.That(entry.Changes, Is.EqualTo(new[] { "content-hash aaaaaaaaaaaa → bbbbbbbbbbbb" }));
        }
    }

    [Test]
    public void A_stale_lock_is_blamed_on_its_content_hash_line_and_a_missing_one_on_pyproject()
    {
        var root = Directory.CreateTempSubdirectory("bridge-blame-").FullName;
        try
        {
            var lockPath = Path.Combine(root, "poetry.lock");
            File.WriteAllText(lockPath, "[metadata]\nlock-version = \"2.0\"\ncontent-hash = \"aaaa\"\n");
            string Relative(string path) => Path.GetRelativePath(root, path);
            var stale = LockReporting.Blame(new DirectoryPath(root), Relative, Verdict(LockState.Stale, "aaaa", "bbbb") with { LockPath = lockPath });
            var missing = LockReporting.Blame(new DirectoryPath(root), Relative, Verdict(LockState.Missing, "", "bbbb") with { LockPath = lockPath });
            using (Assert.EnterMultipleScope())
            {
                Assert.That(stale, Is.EqualTo(("poetry.lock", (int?)3)));
                Assert.That(missing, Is.EqualTo(("pyproject.toml", (int?)null)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
