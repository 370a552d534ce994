using Build.Testing;

namespace Build.Tests.Testing;

public sealed class TestCountsTests
{
    [TestCase("Ran 12 tests in 0.3s\n\nOK\n", 12, 0, 0)]
    [TestCase("Ran 12 tests in 0.3s\n\nOK (skipped=2)\n", 10, 0, 2)]
    [TestCase("Ran 1 test in 0.1s\n\nFAILED (failures=1)\n", 0, 1, 0)]
    [TestCase("Ran 9 tests in 0.1s\n\nFAILED (failures=1, errors=2, skipped=1)\n", 5, 3, 1)]
    [TestCase("ImportError: no module\n", 0, 0, 0)]
    public void Unittest_closing_lines_are_counted(string output, int passed, int failed, int skipped) =>
        Assert.That(TestCounts.FromUnittest(output), Is.EqualTo(new TestCounts(passed, failed, skipped)));

    [Test]
    public void Trx_counters_are_read()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed">
                <Counters total="10" executed="9" passed="7" failed="2" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="1" />
              </ResultSummary>
            </TestRun>
            """);
        try
        {
            Assert.That(TestCounts.FromTrx(path), Is.EqualTo(new TestCounts(7, 2, 1)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Closing_line_has_the_ci_shape() =>
        Assert.That(new TestCounts(3, 1, 2).ClosingLine, Is.EqualTo("Tests: 3 passed, 1 failed, 2 skipped"));
}
