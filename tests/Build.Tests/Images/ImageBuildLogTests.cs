using Build.Images;
using Build.Tests.Support;
using Cake.Core;

namespace Build.Tests.Images;

public sealed class ImageBuildLogTests
{
    private static readonly string[] Failed = File.ReadAllLines(
        Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "Images", "Recorded", "buildkit-docker20-failed-run.txt"));

    private static (List<string> Shown, string Log) Write(bool everyLine, IEnumerable<string> lines)
    {
        using var root = TestEnvironment.CreateTempDirectory();
        var shown = new List<string>();
        using (var log = new ImageBuildLog(root.Path, "reducer-production", everyLine, shown.Add))
        {
            foreach (var line in lines)
            {
                log.Line(line);
            }
        }

        return (shown, File.ReadAllText(root.File("artifacts/build-logs/reducer-production.log")));
    }

    [Test]
    public void Every_line_goes_to_the_log_file_and_the_console_gets_the_picked_ones()
    {
        var (shown, log) = Write(everyLine: false, Failed);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(log.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(Failed.Count(line => line.Length > 0)));
            Assert.That(log, Does.Contain("#1 transferring dockerfile: 207B 0.0s done"));
            Assert.That(shown, Has.Count.EqualTo(4));
            Assert.That(shown, Has.None.StartWith("#"));
        }
    }

    [Test]
    public void Verbose_shows_every_line_as_it_comes()
    {
        var (shown, _) = Write(everyLine: true, Failed);
        Assert.That(shown, Is.EqualTo(Failed));
    }

    [Test]
    public void A_build_that_printed_nothing_writes_no_file_and_a_failure_names_the_log()
    {
        using var root = TestEnvironment.CreateTempDirectory();
        using var log = new ImageBuildLog(root.Path, "orchestrator-slim", everyLine: false, _ => { });
        var failure = log.Failed(new CakeException(7, "docker failed (exit code 1)"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Directory.Exists(root.File("artifacts")), Is.False);
            Assert.That(failure.ExitCode, Is.EqualTo(7));
            Assert.That(failure.Message, Does.EndWith($"docker failed (exit code 1){Environment.NewLine}" +
                "The build's whole output: artifacts/build-logs/orchestrator-slim.log"));
        }
    }
}
