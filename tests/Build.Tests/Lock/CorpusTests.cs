using NUnit.Framework;
using Build.Lock;

namespace Build.Tests.Lock;

/// <summary>The 70 real projects of shared/poetry-lock-corpus, one test each.</summary>
public sealed class CorpusTests
{
    public sealed record CorpusCase(string Folder, string Expected, string ExpectedCurrentPoetry, string Poetry, string LockVersion)
    {
        public override string ToString() => Folder;
    }

    private static string? CorpusDirectory =>
        TestEnvironment.SharedDirectory() is { } shared ? Path.Combine(shared, "poetry-lock-corpus") : null;

    public static IEnumerable<TestCaseData> Cases()
    {
        if (CorpusDirectory is not { } corpus || !File.Exists(Path.Combine(corpus, "labels.tsv")))
        {
            yield return new TestCaseData(null).SetName("Corpus_is_found");
            yield break;
        }

        foreach (var line in File.ReadLines(Path.Combine(corpus, "labels.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length < 5)
            {
                continue;
            }

            var item = new CorpusCase(columns[0], columns[1], columns[2], columns[3], columns[4]);
            yield return new TestCaseData(item).SetArgDisplayNames(item.Folder);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Verdict_agrees_with_the_Poetry_that_wrote_the_lock(CorpusCase? item)
    {
        if (item is null)
        {
            TestEnvironment.IgnoreExceptOnCi("shared/poetry-lock-corpus not found (set OMNINODE_SHARED)");
            return;
        }

        var verdict = LockInspector.Inspect(Path.Combine(CorpusDirectory!, item.Folder));
        Assert.That(verdict.State, Is.EqualTo(item.Expected == "fresh" ? LockState.Fresh : LockState.Stale), verdict.Message);
    }

    [TestCaseSource(nameof(Cases))]
    public void Verdict_agrees_with_Poetry_2_3_when_judging_as_current_Poetry(CorpusCase? item)
    {
        if (item is null)
        {
            TestEnvironment.IgnoreExceptOnCi("shared/poetry-lock-corpus not found (set OMNINODE_SHARED)");
            return;
        }

        var verdict = LockInspector.Inspect(Path.Combine(CorpusDirectory!, item.Folder), HashRules.OfCurrentPoetry);
        Assert.That(verdict.State, Is.EqualTo(item.ExpectedCurrentPoetry == "fresh" ? LockState.Fresh : LockState.Stale), verdict.Message);
    }
}
