using Build.Testing;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Testing;

/// <summary>What the Test task runs, in-process with the recording process runner over a real folder of suites.</summary>
public sealed class TestRunTests
{
    private static readonly string PassedTrx = Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Testing", "Trx", "passed.trx");

    private string _root = "";

    [SetUp]
    public void MakeRepository()
    {
        _root = Directory.CreateTempSubdirectory("bridge-testrun-").FullName;
        _closingLines.Clear();
        foreach (var suite in new[] { "Good.Tests", "Broken.Tests" })
        {
            Directory.CreateDirectory(Path.Combine(_root, "tests", suite));
            File.WriteAllText(Path.Combine(_root, "tests", suite, $"{suite}.csproj"), "<Project />");
        }
    }

    [TearDown]
    public void RemoveRepository() => Directory.Delete(_root, recursive: true);

    /// <summary>The closing lines the runs wrote (to the console in a real run: never this test runner's output).</summary>
    private readonly List<string> _closingLines = [];

    private (TestRun Run, RecordingProcessRunner Processes, ProcessContext Cake) Run(bool dryRun)
    {
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) =>
            {
                if (!arguments.Contains("Good.Tests", StringComparison.Ordinal))
                {
                    return (1, ["error CS1002: ; expected"]);
                }

                // The good suite writes its TRX file where the logger was told to, as dotnet test does.
                File.Copy(PassedTrx, Path.Combine(_root, "artifacts", "test-results", "Good.Tests.trx"), overwrite: true);
                return (0, []);
            },
        };
        var cake = new ProcessContext(processes);
        var run = new TestRun(RunServices.Runner(cake, dryRun), RunServices.Effects(dryRun), new DirectoryPath(_root), "TestCategory!=Docker",
            cake.Log, _closingLines.Add);
        return (run, processes, cake);
    }

    [Test]
    public void A_suite_that_breaks_before_reporting_counts_as_one_failure_after_every_suite_ran()
    {
        var (run, processes, cake) = Run(dryRun: false);
        run.PrepareResults();
        var failure = Assert.Throws<CakeException>(run.Run);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(failure.Message, Does.StartWith("Tests failed in Broken.Tests (1 failed)."));
            Assert.That(processes.CommandLines, Has.Count.EqualTo(2));
            Assert.That(processes.CommandLines, Has.All.Contains("--filter TestCategory!=Docker"));
            Assert.That(cake.CollectedLog.Lines, Has.Some.EqualTo("Good.Tests: 3 passed, 0 failed, 0 skipped"));
            Assert.That(cake.CollectedLog.Lines, Has.Some.EqualTo("Broken.Tests: 0 passed, 1 failed, 0 skipped"));
            Assert.That(_closingLines, Is.EqualTo(new[] { "Tests: 3 passed, 1 failed, 0 skipped" }), "the closing line, once, after every suite");
        }
    }

    [Test]
    public void A_dry_run_of_the_suites_starts_nothing_and_writes_nothing()
    {
        var (run, processes, cake) = Run(dryRun: true);
        run.PrepareResults();
        run.Run();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(_root, "artifacts")), Is.False);
            Assert.That(_closingLines, Is.Empty, "a dry run has no totals");
            Assert.That(cake.CollectedLog.Lines.Count(line => line.Contains("dotnet test tests/", StringComparison.Ordinal)), Is.EqualTo(2));
        }
    }
}
