using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Context;
using Build.Tests.Support;

namespace Build.Tests.Reporting;

/// <summary>
/// The real host under a simulated GitHub Actions runner (GITHUB_ACTIONS=true, temp files for the step summary and
/// the outputs), in dry runs: groups in the log, the Markdown summary, the outputs, the report, the annotation.
/// </summary>
public sealed partial class BuildTaskLifetimeTests
{
    private string _directory = "";

    [SetUp]
    public void CreateFiles() => _directory = Directory.CreateTempSubdirectory("bridge-gha-").FullName;

    [TearDown]
    public void DeleteFiles() => Directory.Delete(_directory, recursive: true);

    private string SummaryPath => Path.Combine(_directory, "step-summary.md");

    private string OutputPath => Path.Combine(_directory, "github-output.txt");

    private string ReportPath => Path.Combine(_directory, "build-report.json");

    private HostResult RunOnGitHubActions(string workingDirectory, params string[] arguments) =>
        InProcessBuild.In(workingDirectory, new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = SummaryPath,
            ["GITHUB_OUTPUT"] = OutputPath,
        }, null, [.. arguments, $"--report={ReportPath}"]);

    [Test]
    public void Dry_run_puts_each_task_in_its_own_group()
    {
        var result = RunOnGitHubActions(HostRun.RepositoryRoot, "--target=Production", "--dryrun");
        var groups = GroupLine().Matches(result.Output).Select(match => match.Groups[1].Value.Trim()).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(groups, Is.SupersetOf(new[] { "EnsureLock", "BuildOrchestrator", "BuildReducer", "Production" }), result.Output);
            Assert.That(Regex.Matches(result.Output, "^::endgroup::", RegexOptions.Multiline), Has.Count.EqualTo(groups.Length));
            var orchestrator = result.Output.IndexOf("::group::BuildOrchestrator", StringComparison.Ordinal);
            var build = result.Output.IndexOf("docker build -f deployment/Dockerfile.orchestrator", StringComparison.Ordinal);
            var end = result.Output.IndexOf("::endgroup::", orchestrator, StringComparison.Ordinal);
            Assert.That(build, Is.GreaterThan(orchestrator).And.LessThan(end), "the task's output is inside its group");
        }
    }

    [Test]
    public void Dry_run_summary_shows_the_tasks_and_the_images_that_would_be_built()
    {
        var result = RunOnGitHubActions(HostRun.RepositoryRoot, "--target=Production", "--dryrun");
        var summary = File.ReadAllText(SummaryPath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(summary, Does.Contain("## OmniNode Bridge build: Production — dry run (plan)"));
            Assert.That(summary, Does.Contain("### Tasks that would run"));
            Assert.That(summary, Does.Match(@"\| (\*\*)?BuildOrchestrator(\*\*)? \| dry run \| [\d.]+ s \| [\d.]+ s \| `[·█]+` \|"), "a timeline row");
            Assert.That(summary, Does.Contain("### Task graph\n\n```mermaid\nflowchart LR\n"));
            Assert.That(summary, Does.Contain("    t_Verify -.-> t_Production\n"), "the [IsDependeeOf] edge");
            Assert.That(summary, Does.Contain("### Images that would be built"));
            Assert.That(summary, Does.Match(@"\| orchestrator:prod \| `prod`, `latest`, `\d"));
            Assert.That(summary, Does.Contain("| reducer:prod |"));
        }
    }

    [Test]
    public void Outputs_carry_the_images_as_json_the_version_and_the_sha()
    {
        var result = RunOnGitHubActions(HostRun.RepositoryRoot, "--target=Production", "--dryrun");
        var outputs = ParseOutputs(File.ReadAllText(OutputPath));
        var version = ProjectMetadata.Read(Path.Combine(HostRun.RepositoryRoot, "pyproject.toml")).Version;
        using var images = JsonDocument.Parse(outputs["images"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(outputs["version"], Is.EqualTo(version));
            Assert.That(outputs["sha"], Does.Match("^([0-9a-f]{40})?$"));
            Assert.That(images.RootElement.EnumerateArray().Select(image => image.GetProperty("name").GetString()),
                Is.EquivalentTo(new[] { "orchestrator:prod", "reducer:prod" }));
            Assert.That(images.RootElement[0].GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()), Does.Contain(version));
        }
    }

    [Test]
    public void Dry_run_report_says_dry_run_and_lists_the_plan()
    {
        var result = RunOnGitHubActions(HostRun.RepositoryRoot, "--target=Production", "--dryrun");
        using var report = JsonDocument.Parse(File.ReadAllText(ReportPath));
        var root = report.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(root.GetProperty("dryRun").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("target").GetString(), Is.EqualTo("Production"));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            var tasks = root.GetProperty("tasks").EnumerateArray()
                .Select(task => (task.GetProperty("name").GetString(), task.GetProperty("status").GetString()))
                .ToArray();
            Assert.That(tasks, Does.Contain(("EnsureLock", "planned")).And.Contain(("BuildReducer", "planned")).And.Contain(("Production", "planned")));
            var images = root.GetProperty("images").EnumerateArray().ToArray();
            Assert.That(images.Select(image => image.GetProperty("status").GetString()), Is.All.EqualTo("planned"));
            Assert.That(images.Select(image => image.GetProperty("dockerfile").GetString()),
                Is.EquivalentTo(new[] { "deployment/Dockerfile.orchestrator", "deployment/Dockerfile.reducer" }));
            Assert.That(root.GetProperty("lock").GetProperty("state").GetString(), Is.EqualTo("fresh"));
        }
    }

    [Test]
    public void Report_is_written_without_github_actions_too_and_no_workflow_commands_are_printed()
    {
        var result = InProcessBuild.In(HostRun.RepositoryRoot, new Dictionary<string, string>(), null,
            "--target=Production", "--dryrun", $"--report={ReportPath}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(File.Exists(ReportPath), Is.True);
            Assert.That(result.Output, Does.Not.Contain("::group::").And.Not.Contain("::endgroup::"));
            Assert.That(Directory.GetFiles(_directory, "*.tmp"), Is.Empty, "the temp file is renamed, not left behind");
        }
    }

    [Test]
    public void Missing_dockerfile_is_an_error_annotation_on_that_file_and_the_report_says_failed()
    {
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("deployment/Dockerfile.reducer"));
        var result = RunOnGitHubActions(repository.Root, "--target=Production", "--dryrun");
        using var report = JsonDocument.Parse(File.ReadAllText(ReportPath));
        var failure = report.RootElement.GetProperty("failure");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Output, Does.Match(@"(?m)^::error [^\n]*file=deployment/Dockerfile\.reducer[^\n]*::deployment/Dockerfile\.reducer is missing"));
            Assert.That(report.RootElement.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(failure.GetProperty("file").GetString(), Is.EqualTo("deployment/Dockerfile.reducer"));
            Assert.That(File.ReadAllText(SummaryPath), Does.Contain("**Failed** (`deployment/Dockerfile.reducer`)"));
        }
    }

    [Test]
    public void Stale_lock_under_locked_is_an_error_annotation_on_the_content_hash_line_of_poetry_lock()
    {
        using var repository = new ScratchRepository();
        File.AppendAllText(repository.PathOf("pyproject.toml"), "\n[tool.poetry.group.ci.dependencies]\nrequests = \"^2.31\"\n");
        var result = RunOnGitHubActions(repository.Root, "--target=EnsureLock", "--locked");
        var line = File.ReadLines(repository.PathOf("poetry.lock"))
            .Select((text, index) => (text, index))
            .First(pair => pair.text.Contains("content-hash")).index + 1;
        using var report = JsonDocument.Parse(File.ReadAllText(ReportPath));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.All);
            Assert.That(result.Output, Does.Match($@"(?m)^::error [^\n]*file=poetry\.lock,line={line}\b"));
            Assert.That(report.RootElement.GetProperty("lock").GetProperty("state").GetString(), Is.EqualTo("stale"));
            Assert.That(report.RootElement.GetProperty("tasks").EnumerateArray().Single(task => task.GetProperty("name").GetString() == "EnsureLock")
                .GetProperty("status").GetString(), Is.EqualTo("failed"));
        }
    }

    /// <summary>Reads the heredoc form: name&lt;&lt;DELIMITER, value lines, DELIMITER.</summary>
    internal static Dictionary<string, string> ParseOutputs(string text)
    {
        var outputs = new Dictionary<string, string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("<<", StringComparison.Ordinal);
            if (marker <= 0)
            {
                continue;
            }

            var name = lines[i][..marker];
            var delimiter = lines[i][(marker + 2)..];
            var end = Array.IndexOf(lines, delimiter, i + 1);
            Assert.That(end, Is.GreaterThan(i), $"output {name} is not closed by its delimiter");
            outputs[name] = string.Join('\n', lines[(i + 1)..end]);
            i = end;
        }

        return outputs;
    }

    [GeneratedRegex("^::group::(.*)$", RegexOptions.Multiline)]
    private static partial Regex GroupLine();
}
