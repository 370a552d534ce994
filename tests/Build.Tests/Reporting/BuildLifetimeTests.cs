using Build.TaskFacts;
using Build.Tests.Support;

namespace Build.Tests.Reporting;

/// <summary>
/// The lifetime's Setup, in the test process: every task that reads pyproject.toml's version ([ReadsProjectVersion]: the
/// image tasks, the lock, Push, Verify) has it read before the first task, so a bad one is bad input at once.
/// </summary>
public sealed class BuildLifetimeTests
{
    private static IEnumerable<TestCaseData> TasksThatNameImages() =>
        TaskCatalog.OfThisBuild.All.Where(task => task.ReadsProjectVersion)
            .Select(task => new TestCaseData(task.Name).SetName($"A_bad_version_stops_{task.Name}_before_its_first_task"));

    [TestCaseSource(nameof(TasksThatNameImages))]
    public void A_version_that_is_not_PEP_440_is_refused_before_the_first_task(string task)
    {
        using var repository = new ScratchRepository();
        File.WriteAllText(repository.PathOf("pyproject.toml"), "[tool.poetry]\nname = \"omninode-bridge\"\nversion = \"not a version\"\n");
        var result = repository.RunInProcess($"--target={task}", "--exclusive", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("pyproject.toml:3"));
            Assert.That(result.Output, Does.Not.Contain($"1. {task}"));
        }
    }

    [Test]
    public void A_task_that_names_no_image_does_not_read_the_version()
    {
        using var repository = new ScratchRepository();
        File.WriteAllText(repository.PathOf("pyproject.toml"), "[tool.poetry]\nname = \"omninode-bridge\"\nversion = \"not a version\"\n");
        var result = repository.RunInProcess("--target=StackFile", "--dryrun");
        Assert.That(result.ExitCode, Is.Zero, result.All);
    }
}
