using Build.Tests.Support;

namespace Build.Tests.DryRun;

/// <summary>
/// The dry run is what users read before a build: it closes by saying that nothing ran, after the task table.
/// </summary>
public sealed class DryRunTests
{
    private const string Closing = "This was a dry run.\nNo tasks were actually executed.\n";

    private static IEnumerable<TestCaseData> Runs()
    {
        yield return new TestCaseData((object)new[] { "--target=ComposeDown", "--dryrun" }).SetName("A_dry_run_closes_with_the_dry_run_lines_after_the_task_table");
        yield return new TestCaseData((object)new[] { "--target=Production", "--dryrun=true", "--exclusive" }).SetName("A_dry_run_of_a_target_without_a_task_of_its_own_closes_with_the_dry_run_lines");
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
}
