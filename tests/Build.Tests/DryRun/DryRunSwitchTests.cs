using Build.DryRun;

namespace Build.Tests.DryRun;

public sealed class DryRunSwitchTests
{
    private static IEnumerable<TestCaseData> CommandLines()
    {
        yield return new TestCaseData(new[] { "--target=Production", "--dryrun" }, true, new[] { "--target=Production" })
            .SetName("Dryrun_is_taken_off_the_host_arguments");
        yield return new TestCaseData(new[] { "--dry-run", "--target=Push" }, true, new[] { "--target=Push" }).SetName("Dry_run_with_a_dash_is_a_dry_run");
        yield return new TestCaseData(new[] { "--noop" }, true, Array.Empty<string>()).SetName("Noop_is_a_dry_run");
        yield return new TestCaseData(new[] { "--WhatIf" }, true, Array.Empty<string>()).SetName("Whatif_is_a_dry_run_in_any_case");
        yield return new TestCaseData(new[] { "--dryrun=false", "--tree" }, false, new[] { "--tree" })
            .SetName("Dryrun_false_is_a_real_run_and_still_taken_off");
        yield return new TestCaseData(new[] { "--dryrun=yes" }, true, Array.Empty<string>()).SetName("Dryrun_with_a_non_boolean_value_is_a_dry_run_as_in_Cake");
        yield return new TestCaseData(
                new[] { "--target=Production", "--dryrunner=1", "-dryrun" }, false, new[] { "--target=Production", "--dryrunner=1", "-dryrun" })
            .SetName("Other_options_that_look_alike_stay_for_the_host");
    }

    [TestCaseSource(nameof(CommandLines))]
    public void Take_splits_the_dry_run_from_the_host_arguments(string[] args, bool dryRun, string[] hostArguments)
    {
        var taken = DryRunSwitch.Take(args);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(taken.IsDryRun, Is.EqualTo(dryRun));
        Assert.That(taken.HostArguments, Is.EqualTo(hostArguments));
    }
}
