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

    /// <summary>Reads a TRX file's ResultSummary counters (what `dotnet test --logger trx` writes).</summary>
    public static TestCounts FromTrx(string path)
    {
        var document = XDocument.Load(path);
        var counters = document.Descendants().FirstOrDefault(element => element.Name.LocalName == "Counters")
            ?? throw new InvalidDataException($"{path} has no ResultSummary/Counters.");
        int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
        var failed = Read("failed") + Read("error") + Read("timeout") + Read("aborted");
        return new TestCounts(Read("passed"), failed, Read("notExecuted") + Read("inconclusive"));
    }

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
