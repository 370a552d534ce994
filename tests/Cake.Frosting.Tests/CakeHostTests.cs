using Cake.Frosting.Tests.Support;
using NUnit.Framework;

namespace Cake.Frosting.Tests;

[NonParallelizable]
public sealed class CakeHostTests
{
    private static readonly Type[] Graph = [typeof(Clean), typeof(Restore), typeof(Compile), typeof(Skipped), typeof(Default)];

    private static HostResult Run(Type[] tasks, params string[] args) =>
        HostRun.Run(tasks, args, h => h.UseContext<Support.TestContext>());

    private static IEnumerable<string> Names(HostResult result) =>
        result.Events.Where(e => e.Contains(':', StringComparison.Ordinal)).Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]);

    [Test]
    public void Tasks_run_in_dependency_order_including_dependees()
    {
        var result = Run(Graph, "--target=Compile");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Names(result).Take(2), Is.EquivalentTo(new[] { "Clean", "Restore" }));
        Assert.That(Names(result).Last(), Is.EqualTo("Compile"));
    }

    [Test]
    public void ShouldRun_false_skips_with_the_reason_visible()
    {
        var result = Run(Graph);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Names(result), Does.Not.Contain("Skipped"));
        Assert.That(Names(result), Does.Contain("Default"));
        Assert.That(result.Output, Does.Contain("no docker here"));
    }

    [Test]
    public void Exclusive_runs_only_the_target()
    {
        var result = Run(Graph, "-t", "Compile", "--exclusive");
        Assert.That(Names(result), Is.EqualTo(new[] { "Compile" }));
    }

    [Test]
    public void OnError_is_called_only_when_overridden_and_Finally_always()
    {
        var handled = Run([typeof(FailsHandled)], "--target=FailsHandled");
        var failed = Run([typeof(Fails)], "--target=Fails");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(handled.ExitCode, Is.Zero, handled.Output);
        Assert.That(handled.Events, Does.Contain("OnError:handled kaboom"));
        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Events, Does.Contain("Fails.Finally"));
        Assert.That(failed.Events.Any(e => e.StartsWith("OnError", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void Exception_gives_exit_code_1_and_no_stack_trace_at_normal_verbosity()
    {
        var result = Run([typeof(Fails)], "--target=Fails");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("kaboom"));
        Assert.That(result.Output, Does.Not.Contain("   at "));
    }

    [Test]
    public void Diagnostic_verbosity_shows_the_stack_trace()
    {
        var result = Run([typeof(Fails)], "--target=Fails", "--verbosity=diagnostic");
        Assert.That(result.Output, Does.Contain("   at "));
    }

    [Test]
    public void ContinueOnError_lets_the_build_go_on()
    {
        var result = Run([typeof(FailsButContinues), typeof(AfterContinue)], "--target", "AfterContinue");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Names(result), Does.Contain("AfterContinue"));
    }

    [Test]
    public void Tree_output_includes_dependee_edges()
    {
        var result = Run(Graph, "--tree");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("Compile").And.Contain("├─Clean").And.Contain("└─Restore"));
    }

    [Test]
    public void Description_lists_tasks_and_descriptions()
    {
        var result = Run(Graph, "--description");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("Restores packages").And.Contain("Compiles the code").And.Contain("Clean"));
        Assert.That(result.Events, Is.Empty);
    }

    [Test]
    public void Unknown_target_lists_tasks_and_suggests_closest()
    {
        var result = Run(Graph, "--target=Compil");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("Unknown target 'Compil'. Did you mean 'Compile'?"));
        Assert.That(result.Output, Does.Contain("Clean, Compile, Default, Restore, Skipped"));
        Assert.That(result.Output, Does.Not.Contain("   at "));
        Assert.That(result.Events, Is.Empty);
    }

    [Test]
    public void Bad_verbosity_names_the_valid_values()
    {
        var result = Run(Graph, "--verbosity", "loud");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("Invalid verbosity 'loud'").And.Contain("quiet, minimal, normal, verbose, diagnostic"));
        Assert.That(result.Events, Is.Empty);
    }

    private static IEnumerable<TestCaseData> ArgumentCases()
    {
        yield return new TestCaseData((object)new[] { "--x=1", "--y", "two", "--flag" }).SetName("Arguments_reach_ICakeArguments_in_all_spellings");
        yield return new TestCaseData((object)new[] { "--flag", "--x", "1", "--y=two" }).SetName("Arguments_reach_ICakeArguments_in_any_order");
    }

    [TestCaseSource(nameof(ArgumentCases))]
    public void Arguments(string[] extra)
    {
        var result = Run([typeof(ReadsArguments)], ["--target=ReadsArguments", .. extra]);
        Assert.That(result.Events, Does.Contain("x=1").And.Contain("y=two").And.Contain("flag=true"));
    }

    [Test]
    public void Configuration_layers_host_env_cake_config_and_arguments()
    {
        var dir = Directory.CreateTempSubdirectory("frosting-config");
        var cwd = Environment.CurrentDirectory; // Cake's environment changes the process directory to --working
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "cake.config"), "[Custom]\nFromFile=file\nOverride=file\n");
            Environment.SetEnvironmentVariable("CAKE_CUSTOM_FROMENV", "env");
            var result = HostRun.Run(
                [typeof(ReadsArguments)],
                ["--target=ReadsArguments", "--Custom_Override=arg", $"--working={dir.FullName}"],
                h => h.UseContext<Support.TestContext>().UseCakeSetting("Custom_FromHost", "host").UseCakeSetting("Custom_Override", "host"));
            Assert.That(
                result.Events,
                Does.Contain("Custom_FromHost=host").And.Contain("Custom_FromEnv=env").And.Contain("Custom_FromFile=file").And.Contain("Custom_Override=arg"),
                result.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAKE_CUSTOM_FROMENV", null);
            Environment.CurrentDirectory = cwd;
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Dry_run_lists_tasks_in_dependency_order_and_runs_none_as_Cake_Frosting_does()
    {
        var result = Run([typeof(DryRunDependency), typeof(DryRunTarget)], "--target=DryRunTarget", "--dryrun");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Output, Does.Contain("1. DryRunDependency").And.Contain("2. DryRunTarget").And.Contain("This was a dry run."));
    }

    [TestCase("--dry-run")]
    [TestCase("--noop")]
    [TestCase("--whatif")]
    public void Dry_run_spellings_do_not_run_tasks(string option)
    {
        var result = Run(Graph, option);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Output, Does.Contain("Skipped (skipped: no docker here)"));
    }

    [Test]
    public void No_report_suppresses_the_task_report()
    {
        var withReport = Run(Graph, "--target=Clean");
        var without = Run(Graph, "--target=Clean", "--no-report");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(withReport.Output, Does.Contain("Duration"));
        Assert.That(without.Output, Does.Not.Contain("Duration"));
    }

    [Test]
    public void Lifetimes_run_and_the_context_is_created_once()
    {
        var result = HostRun.Run(
            Graph,
            ["--target=Compile"],
            h => h.UseContext<Support.TestContext>().UseLifetime<TestLifetime>().UseTaskLifetime<TestTaskLifetime>());
        var ids = result.Events
            .Where(e => e.StartsWith("Setup:", StringComparison.Ordinal) || e.StartsWith("C", StringComparison.Ordinal)
                || e.StartsWith("Restore", StringComparison.Ordinal))
            .Select(e => e[(e.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct();
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.Events[0], Does.StartWith("Setup:"));
        Assert.That(result.Events[^1], Is.EqualTo("Teardown:True"));
        Assert.That(result.Events, Does.Contain("TaskSetup:Compile").And.Contain("TaskTeardown:Clean"));
        Assert.That(ids.Count(), Is.EqualTo(1));
    }

    [Test]
    public void Async_tasks_run()
    {
        var result = Run([typeof(AsyncTask)], "--target=AsyncTask");
        Assert.That(result.Events, Is.EqualTo(new[] { nameof(AsyncTask) }));
    }

    [Test]
    public void Scanning_finds_only_concrete_tasks_of_the_given_assembly()
    {
        var types = Internal.FrostingTaskInfo.FindTaskTypes([typeof(Clean).Assembly]);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(types, Does.Contain(typeof(Clean)).And.Contain(typeof(AsyncTask)));
        Assert.That(types, Does.Not.Contain(typeof(AbstractTask)).And.Not.Contain(typeof(RecordingTask)));
        Assert.That(types.Select(t => t.Assembly).Distinct(), Is.EqualTo(new[] { typeof(Clean).Assembly }));
    }

    [Test]
    public void Task_classes_given_with_their_attributes_are_described_by_those_attributes_not_by_reflection()
    {
        // Compile as given: another name, another description, and a dependency on Restore instead of Clean.
        FrostingTaskClass[] classes =
        [
            FrostingTaskClass.Reflected(typeof(Clean)),
            new(typeof(Restore), []),
            new(typeof(Compile), [new TaskNameAttribute("Assemble"), new TaskDescriptionAttribute("As given"), new IsDependentOnAttribute(typeof(Restore))]),
        ];
        var result = HostRun.Run([], ["--target=Assemble"], h => h.UseContext<Support.TestContext>().UseTaskClasses(classes));
        var description = HostRun.Run([], ["--description"], h => h.UseContext<Support.TestContext>().UseTaskClasses(classes));
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(Names(result), Is.EqualTo(new[] { "Restore", "Compile" }));
        Assert.That(description.Output, Does.Contain("Assemble").And.Contain("As given").And.Not.Contain("Compiles the code"));
    }

    [Test]
    public void Help_prints_usage_and_runs_nothing()
    {
        var result = Run(Graph, "-h");
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("--target"));
        Assert.That(result.Events, Is.Empty);
    }

    [Test]
    public void Help_prints_the_builds_own_lines_after_Cakes_options()
    {
        var result = HostRun.Run(Graph, ["--help"], h => h.UseContext<Support.TestContext>().UseHelp(() => ["Options of this build:", "  --force"]));
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output.IndexOf("--target", StringComparison.Ordinal),
            Is.LessThan(result.Output.IndexOf("Options of this build:", StringComparison.Ordinal)));
        Assert.That(result.Output, Does.Contain("  --force"));
        Assert.That(result.Events, Is.Empty);
    }

    [Test]
    public void Version_prints_the_builds_version_when_it_has_one()
    {
        var result = HostRun.Run(Graph, ["--version"], h => h.UseContext<Support.TestContext>().UseVersion(() => "suite 1.2.3, commit abc1234"));
        using var scope = Assert.EnterMultipleScope();
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output.Trim(), Is.EqualTo("suite 1.2.3, commit abc1234"));
    }

    [TestCase("--help")]
    [TestCase("--target=Compile")]
    [TestCase("--target=NoSuchTask")]
    public void A_start_check_that_stops_ends_the_run_before_anything_is_written_or_run(string argument)
    {
        var result = HostRun.Run(Graph, [argument], h => h.UseContext<Support.TestContext>().UseStartCheck(() => 7));
        using var scope = Assert.EnterMultipleScope();
        Assert.That((result.ExitCode, result.Output), Is.EqualTo((7, "")));
        Assert.That(result.Events, Is.Empty);
    }

    [Test]
    public void A_start_check_that_lets_the_run_go_is_asked_once()
    {
        var asked = 0;
        var result = HostRun.Run(Graph, ["--target=Compile"], h => h.UseContext<Support.TestContext>().UseStartCheck(() => { asked++; return null; }));
        using var scope = Assert.EnterMultipleScope();
        Assert.That((result.ExitCode, asked), Is.EqualTo((0, 1)));
        Assert.That(result.Events, Is.Not.Empty);
    }
}
