using Build.Lock;
using Build.Tests.Support;
using NUnit.Framework;

namespace Build.Tests.Lock;

/// <summary>
/// The 70 real projects of the Poetry lock corpus (Corpus/ beside this file, with its labels.tsv and README), one test
/// each. The corpus lives in the repository so that every clone runs the same tests as CI.
/// </summary>
public sealed class LockVerdictTests
{
    public sealed record CorpusCase(string Folder, string Expected, string ExpectedCurrentPoetry, string Poetry, string LockVersion)
    {
        public override string ToString() => Folder;
    }

    private static string CorpusDirectory => Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Lock", "Corpus");

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var line in File.ReadLines(Path.Combine(CorpusDirectory, "labels.tsv")).Skip(1))
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
    public void Verdict_agrees_with_the_Poetry_that_wrote_the_lock(CorpusCase item)
    {
        var verdict = LockInspector.Inspect(Path.Combine(CorpusDirectory, item.Folder));
        Assert.That(verdict.State, Is.EqualTo(item.Expected == "fresh" ? LockState.Fresh : LockState.Stale), verdict.Message);
    }

    [TestCaseSource(nameof(Cases))]
    public void Verdict_agrees_with_Poetry_2_3_when_judging_as_current_Poetry(CorpusCase item)
    {
        var verdict = LockInspector.Inspect(Path.Combine(CorpusDirectory, item.Folder), HashRules.OfCurrentPoetry);
        Assert.That(verdict.State, Is.EqualTo(item.ExpectedCurrentPoetry == "fresh" ? LockState.Fresh : LockState.Stale), verdict.Message);
    }
}
