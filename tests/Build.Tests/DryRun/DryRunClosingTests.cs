using Build.Tests.Support;

namespace Build.Tests.DryRun;

/// <summary>
/// The dry run is what users read before a build: it closes by saying that nothing ran, after the task table or,
/// without one (--no-report), after the last line of the run; also when the dry run found an error.
/// </summary>
public sealed class DryRunClosingTests
{
    private const string Closing = "This was a dry run.\nNo tasks were actually executed.\n";

    private static IEnumerable<TestCaseData> Runs()
    {
        yield return new TestCaseData((object)new[] { "--target=ComposeDown", "--dryrun" })
            .SetName("A_dry_run_closes_with_the_dry_run_lines_after_the_task_table");
        yield return new TestCaseData((object)new[] { "--target=ComposeDown", "--dryrun", "--no-report" })
            .SetName("A_dry_run_without_the_task_table_still_closes_with_the_dry_run_lines");
        yield return new TestCaseData((object)new[] { "--target=Production", "--dryrun=true", "--no-report", "--exclusive" })
            .SetName("A_dry_run_of_a_target_without_a_task_of_its_own_closes_with_the_dry_run_lines");
    }

    [TestCaseSource(nameof(Runs))]
    public void Dry_run_ends_with_its_closing_lines(string[] arguments)
    {
        var result = InProcessBuild.Run(arguments);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output.ReplaceLineEndings("\n"), Does.EndWith(Closing));
            Assert.That(result.Output.Split("This was a dry run.").Length - 1, Is.EqualTo(1), "said once");
        }
    }

    [Test]
    public void Without_the_task_table_the_dry_run_prints_no_table()
    {
        var result = InProcessBuild.Run("--target=ComposeDown", "--dryrun", "--no-report");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Not.Contain("Duration"));
            Assert.That(result.Output, Does.Contain("Build report:"), "the build report is a file, written with or without the table");
        }
    }

    [Test]
    public void A_failed_dry_run_without_the_task_table_still_says_it_was_a_dry_run()
    {
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("deployment/Dockerfile.reducer"));
        var result = repository.RunInProcess("--target=Production", "--dryrun", "--no-report");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.MissingDockerfile), result.All);
            Assert.That(result.Output, Does.Contain("This was a dry run."));
            Assert.That(result.Error, Does.Contain("deployment/Dockerfile.reducer is missing"));
        }
    }
}
