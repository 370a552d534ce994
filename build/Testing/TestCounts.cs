using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Build.Testing;

/// <summary>Passed, failed and skipped tests of one suite or of all of them.</summary>
public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public static readonly TestCounts Zero = new(0, 0, 0);

    public static TestCounts operator +(TestCounts a, TestCounts b) => new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public int Total => Passed + Failed + Skipped;

    /// <summary>The closing line CI reads: `Tests: N passed, M failed, K skipped`.</summary>
    public string ClosingLine => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";

    /// <summary>
    /// Reads a TRX file (what <c>dotnet test --logger trx</c> writes). Each test's own result decides: Passed is passed;
    /// Failed, Error, Timeout and Aborted are failed; every other outcome (NotExecuted for an ignored test,
    /// Inconclusive, ...) and a defined test with no result at all is skipped. The summary counters are only a
    /// fallback for a file without results, and there skipped is total minus passed minus failed: dotnet test writes
    /// an ignored test as not executed yet leaves <c>notExecuted</c> at 0.
    /// </summary>
    public static TestCounts FromTrx(string path)
    {
        var document = XDocument.Load(path);
        var results = document.Descendants().Where(element => element.Name.LocalName == "UnitTestResult").ToList();
        if (results.Count > 0)
        {
            var outcomes = results.Select(result => result.Attribute("outcome")?.Value ?? "").ToList();
            var passed = outcomes.Count(outcome => outcome == "Passed");
            var failed = outcomes.Count(outcome => FailedOutcomes.Contains(outcome));
            var defined = document.Descendants().Count(element => element.Name.LocalName == "UnitTest");
            var notRun = Math.Max(0, defined - results.Count);
            return new TestCounts(passed, failed + FailedTeardowns(document), results.Count - passed - failed + notRun);
        }

        var counters = document.Descendants().FirstOrDefault(element => element.Name.LocalName == "Counters")
            ?? throw new InvalidDataException($"{path} has neither test results nor a ResultSummary/Counters.");
        int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
        var failedCount = Read("failed") + Read("error") + Read("timeout") + Read("aborted");
        var passedCount = Read("passed");
        return new TestCounts(passedCount, failedCount, Math.Max(0, Read("total") - passedCount - failedCount));
    }

    private static readonly HashSet<string> FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    /// <summary>
    /// Fixtures whose one-time teardown failed (a check that runs after the tests, such as the suite's "engine left
    /// as found"): dotnet test gives them no test result and exits 0, and writes only a run message; each is one failure.
    /// </summary>
    private static int FailedTeardowns(XDocument document) => document.Descendants()
        .Count(element => element.Name.LocalName == "RunInfo" && element.Attribute("outcome")?.Value == "Error"
            && element.Value.TrimStart().StartsWith("TearDown failed for test fixture", StringComparison.Ordinal));

    /// <summary>
    /// Reads unittest's closing lines: "Ran 12 tests in 0.3s" then "OK", "OK (skipped=2)" or
    /// "FAILED (failures=1, errors=2, skipped=1)".
    /// </summary>
    public static TestCounts FromUnittest(string output)
    {
        var ran = Regex.Match(output, @"^Ran (\d+) tests?", RegexOptions.Multiline);
        if (!ran.Success)
        {
            return Zero;
        }

        var total = int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int Count(string name)
        {
            var match = Regex.Match(output, name + @"=(\d+)");
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        var failed = Count("failures") + Count("errors") + Count("unexpected successes");
        var skipped = Count("skipped") + Count("expected failures");
        return new TestCounts(total - failed - skipped, failed, skipped);
    }
}
