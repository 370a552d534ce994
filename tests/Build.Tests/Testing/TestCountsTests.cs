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

    private static string TrxFile(string name) =>
        Path.Combine(Support.HostRun.RepositoryRoot, "tests", "Build.Tests", "Testing", "Trx", name);

    public static IEnumerable<TestCaseData> RealTrxFiles()
    {
        // Ignored (at run time and by attribute) and inconclusive tests are skipped: dotnet test leaves notExecuted at 0.
        yield return new TestCaseData("mixed.trx", new TestCounts(5, 1, 3)).SetArgDisplayNames("mixed.trx");
        yield return new TestCaseData("passed.trx", new TestCounts(3, 0, 0)).SetArgDisplayNames("passed.trx");
    }

    [TestCaseSource(nameof(RealTrxFiles))]
    public void A_trx_file_of_a_real_dotnet_test_run_counts_every_test_once(string file, TestCounts expected) =>
        Assert.That(TestCounts.FromTrx(TrxFile(file)), Is.EqualTo(expected));

    [Test]
    public void Suites_add_up_to_the_total_of_the_closing_line()
    {
        var total = TestCounts.FromTrx(TrxFile("mixed.trx")) + TestCounts.FromTrx(TrxFile("passed.trx"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(total.ClosingLine, Is.EqualTo("Tests: 8 passed, 1 failed, 3 skipped"));
            Assert.That(total.Total, Is.EqualTo(12), "9 + 3 tests defined");
        }
    }

    [Test]
    public void A_test_defined_but_without_a_result_counts_as_skipped()
    {
        // A run cut short (a crashed test host) lists every test it discovered but has results only for those it ran.
        var path = WriteTrx("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="A" outcome="Passed" />
                <UnitTestResult testName="B" outcome="Timeout" />
              </Results>
              <TestDefinitions><UnitTest name="A" /><UnitTest name="B" /><UnitTest name="C" /></TestDefinitions>
              <ResultSummary outcome="Failed"><Counters total="3" executed="2" passed="1" failed="0" timeout="1" /></ResultSummary>
            </TestRun>
            """);
        try
        {
            Assert.That(TestCounts.FromTrx(path), Is.EqualTo(new TestCounts(1, 1, 1)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_fixture_whose_teardown_failed_counts_as_one_failure()
    {
        // What dotnet test writes when a SetUpFixture's OneTimeTearDown fails: no test result, two run messages.
        var path = WriteTrx("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results><UnitTestResult testName="A" outcome="Passed" /></Results>
              <TestDefinitions><UnitTest name="A" /></TestDefinitions>
              <ResultSummary outcome="Failed">
                <Counters total="1" executed="1" passed="1" failed="0" />
                <RunInfos>
                  <RunInfo computerName="vm" outcome="Error"><Text>TearDown failed for test fixture Build.Tests.EngineLeftAsFound</Text></RunInfo>
                  <RunInfo computerName="vm" outcome="Error"><Text>The suite changed the engine's tags (1):</Text></RunInfo>
                </RunInfos>
              </ResultSummary>
            </TestRun>
            """);
        try
        {
            Assert.That(TestCounts.FromTrx(path), Is.EqualTo(new TestCounts(1, 1, 0)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static IEnumerable<TestCaseData> CountersOnly()
    {
        // The shape dotnet test writes: ignored tests are in total but neither executed nor notExecuted.
        yield return new TestCaseData("""total="9" executed="6" passed="5" failed="1" error="0" inconclusive="0" notExecuted="0" """, new TestCounts(5, 1, 3))
            .SetArgDisplayNames("ignored tests only in total");
        yield return new TestCaseData("""total="10" executed="9" passed="7" failed="2" notExecuted="1" """, new TestCounts(7, 2, 1))
            .SetArgDisplayNames("notExecuted counted once");
    }

    [TestCaseSource(nameof(CountersOnly))]
    public void Without_results_the_counters_count_skipped_as_total_minus_passed_and_failed(string counters, TestCounts expected)
    {
        var path = WriteTrx($"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed"><Counters {counters}/></ResultSummary>
            </TestRun>
            """);
        try
        {
            Assert.That(TestCounts.FromTrx(path), Is.EqualTo(expected));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTrx(string text)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Closing_line_has_the_ci_shape() =>
        Assert.That(new TestCounts(3, 1, 2).ClosingLine, Is.EqualTo("Tests: 3 passed, 1 failed, 2 skipped"));
}
