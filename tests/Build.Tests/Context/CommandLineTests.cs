using Build.Tests.Support;

namespace Build.Tests.Context;

/// <summary>The command line as Cake users know it, and the errors a user sees for bad input.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] AllTasks =
    [
        "EnsureLock", "BuildOrchestrator", "BuildReducer", "BuildSlimOrchestrator", "BuildSlimReducer", "Development",
        "Production", "Slim", "ComposeUp", "Scale", "ComposeDown", "Push", "Test", "Clean", "Default", "BaseImages",
    ];

    [Test]
    public void Description_lists_every_task()
    {
        var result = InProcessBuild.Run("--description");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            foreach (var task in AllTasks)
            {
                Assert.That(result.Output, Does.Contain(task));
            }
        }
    }

    [Test]
    public void Tree_of_scale_shows_the_graph_down_to_ensure_lock()
    {
        var result = InProcessBuild.Run("--tree", "--target=Scale");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output,
                Does.Contain("Scale").And.Contain("ComposeUp").And.Contain("BuildOrchestrator").And.Contain("BuildReducer").And.Contain("EnsureLock"));
        }
    }

    [Test]
    public void Unknown_target_fails_lists_tasks_and_suggests_the_closest()
    {
        var result = InProcessBuild.Run("--target=Prodution");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.All, Does.Contain("Production"));
            Assert.That(result.All, Does.Contain("EnsureLock"));
            Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        }
    }

    private static TestCaseData Case(string name, string badValue, string hint, params string[] arguments) =>
        new TestCaseData(arguments, badValue, hint).SetName(name);

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return Case("Unknown_build_target_names_the_valid_ones", "staging", "development, production",
            "--target=Development", "--build-target=staging", "--dryrun");
        yield return Case("Scale_for_an_unknown_service_lists_the_services", "database", "orchestrator, reducer",
            "--target=Scale", "--scale=database=2", "--dryrun");
        yield return Case("Scale_count_out_of_range_is_rejected", "500", "0 to 100",
            "--target=Scale", "--scale=reducer=500", "--dryrun");
        yield return Case("Wait_timeout_must_be_a_number", "soon", "whole number of seconds",
            "--target=ComposeUp", "--wait-timeout=soon", "--dryrun");
        yield return Case("Contradicting_build_target_is_an_error", "--build-target=development", "Drop --build-target",
            "--target=Production", "--build-target=development", "--dryrun");
        yield return Case("Contradicting_build_target_names_the_targets_of_the_stage_asked_for", "development", "(--target=Development)",
            "--target=Push", "--build-target=dev", "--dryrun");
        yield return Case("Malformed_registry_is_rejected", "Not A Registry", "HOST[:PORT]/NAMESPACE",
            "--target=Push", "--registry=Not A Registry", "--dryrun");
        yield return Case("Invalid_extra_tag_is_rejected", "-bad", "Docker tag",
            "--target=Production", "--tag=-bad", "--dryrun");
        yield return Case("Switch_with_a_non_boolean_value_is_rejected", "maybe", "true|false",
            "--target=Production", "--pull=maybe", "--dryrun");
        yield return Case("Unknown_verbosity_names_the_valid_ones", "loud", "diagnostic",
            "--target=Production", "--verbosity=loud");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Bad_option_values_give_one_clear_message_and_a_non_zero_exit(string[] arguments, string badValue, string hint)
    {
        var result = InProcessBuild.Run(arguments);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.All);
            Assert.That(result.All, Does.Contain(badValue).And.Contain(hint));
            Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace below diagnostic verbosity");
        }
    }

    [Test]
    public void Several_bad_values_are_reported_together()
    {
        var result = InProcessBuild.Run("--target=ComposeUp", "--build-target=staging", "--wait-timeout=soon", "--dryrun");
        Assert.That(result.All, Does.Contain("staging").And.Contain("soon"));
    }

    [Test]
    public void Diagnostic_verbosity_shows_the_stack_trace()
    {
        var result = InProcessBuild.Run("--target=ComposeUp", "--build-target=staging", "--dryrun", "--verbosity=diagnostic");
        Assert.That(result.All, Does.Contain("   at "));
    }
}
