using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Build.Reporting;
using Build.Tests.Support;

namespace Build.Tests.Reporting;

/// <summary>The step summary's task graph (Mermaid) and timeline table, from the report of a real dry run.</summary>
public sealed partial class StepSummaryTests
{
    private const string Dependency = TaskEdgeKinds.Dependency;
    private const string Dependee = TaskEdgeKinds.Dependee;

    /// <summary>Each target's plan, written out from the tasks' [IsDependentOn]/[IsDependeeOf] attributes.</summary>
    private static readonly object[] Plans =
    [
        new object[] { "Production", new[]
        {
            ("PackageIndex", "EnsureLock", Dependency), ("EnsureLock", "BuildOrchestrator", Dependency), ("EnsureLock", "BuildReducer", Dependency),
            ("BuildOrchestrator", "Verify", Dependency), ("BuildReducer", "Verify", Dependency), ("Verify", "Production", Dependee),
            ("BuildOrchestrator", "Production", Dependency), ("BuildReducer", "Production", Dependency),
        } },
        new object[] { "Scale --scale=orchestrator=2", new[]
        {
            ("PackageIndex", "EnsureLock", Dependency), ("EnsureLock", "BuildOrchestrator", Dependency), ("EnsureLock", "BuildReducer", Dependency),
            ("BuildOrchestrator", "ComposeUp", Dependency), ("BuildReducer", "ComposeUp", Dependency), ("ComposeUp", "Scale", Dependency),
        } },
        new object[] { "Slim", new[]
        {
            ("PackageIndex", "EnsureLock", Dependency), ("EnsureLock", "BuildSlimOrchestrator", Dependency), ("EnsureLock", "BuildSlimReducer", Dependency),
            ("BuildSlimOrchestrator", "Slim", Dependency), ("BuildSlimReducer", "Slim", Dependency),
        } },
        new object[] { "EnsureLock", new[] { ("PackageIndex", "EnsureLock", Dependency) } },
    ];

    [TestCaseSource(nameof(Plans))]
    public void Mermaid_graph_has_every_edge_of_the_plan_and_nothing_else(string target, (string From, string To, string Kind)[] plan)
    {
        var report = DryRunReport(target.Split(' '));
        var graph = ParseMermaid(StepSummary.Mermaid(report));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(graph.Nodes.Values, Is.EquivalentTo(report.Tasks.Select(task => task.Name)));
            Assert.That(graph.Edges, Is.EquivalentTo(plan));
            Assert.That(graph.Targets, Is.EqualTo(new[] { target.Split(' ')[0] }));
            Assert.That(graph.StyledLinks, Is.All.LessThan(graph.Edges.Count), "linkStyle names an edge that is not drawn");
        }
    }

    [Test]
    public void Timeline_table_has_one_row_per_task_with_a_bar_of_fixed_width()
    {
        var report = DryRunReport(["Production"]);
        var rows = StepSummary.Timeline(report).Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(row => row.Split('|')[1].Trim().Trim('*')), Is.EqualTo(report.Tasks.Select(task => task.Name)));
            Assert.That(rows.Select(row => BarCell().Match(row).Groups[1].Value.Length), Is.All.EqualTo(StepSummary.TimelineColumns));
            Assert.That(rows.Single(row => row.Contains("Verify", StringComparison.Ordinal)), Does.Contain("skipped: not on a CI"));
        }
    }

    [Test]
    public void Provisioning_steps_get_a_table_of_their_own_before_the_tasks()
    {
        var report = DryRunReport(["Production"]) with
        {
            Provisioning = [new Build.Provisioning.ProvisioningEntry("project engine", "no engine was named and none answered", 0.2, 38.46, "succeeded")],
        };

        var markdown = StepSummary.Render(report);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(markdown, Does.Contain("| project engine | no engine was named and none answered | 38.5 s | succeeded |"));
            Assert.That(markdown.IndexOf("### Provisioning", StringComparison.Ordinal), Is.LessThan(markdown.IndexOf("### Tasks", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// Reads the Mermaid flowchart back; every line must be one of the forms the renderer writes (node, edge, classDef,
    /// class, linkStyle), so anything else is a syntax slip.
    /// </summary>
    private static (Dictionary<string, string> Nodes, List<(string From, string To, string Kind)> Edges, List<string> Targets, List<int> StyledLinks)
        ParseMermaid(string mermaid)
    {
        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("flowchart LR"));
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string, string, string)>();
        var targets = new List<string>();
        var styled = new List<int>();
        foreach (var line in lines.Skip(1))
        {
            if (NodeLine().Match(line) is { Success: true } node)
            {
                Assert.That(nodes.TryAdd(node.Groups["id"].Value, node.Groups["label"].Value.Split("<br/>")[0]), Is.True, $"node declared twice: {line}");
            }
            else if (EdgeLine().Match(line) is { Success: true } edge)
            {
                Assert.That(nodes.Keys, Does.Contain(edge.Groups["from"].Value).And.Contain(edge.Groups["to"].Value), $"edge before its nodes: {line}");
                edges.Add((nodes[edge.Groups["from"].Value], nodes[edge.Groups["to"].Value], edge.Groups["arrow"].Value == "-.->" ? Dependee : Dependency));
            }
            else if (ClassLine().Match(line) is { Success: true } classLine)
            {
                targets.AddRange(classLine.Groups["ids"].Value.Split(',').Select(id => nodes[id]));
            }
            else if (LinkStyleLine().Match(line) is { Success: true } linkStyle)
            {
                styled.AddRange(linkStyle.Groups["indexes"].Value.Split(',').Select(int.Parse));
            }
            else
            {
                Assert.That(line, Does.Match(@"^    classDef \w+ [\w#:,.\- ]+$"), "a line the Mermaid renderer does not write");
            }
        }

        return (nodes, edges, targets, styled);
    }

    /// <summary>
    /// The report read back as a reader of the file would: by reflection over the document's types, since the build
    /// generates only the code that writes it.
    /// </summary>
    private static readonly JsonSerializerOptions ReportReading = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>The report of a dry run of the target (the first word), with the options that follow it.</summary>
    private static BuildReportDocument DryRunReport(string[] targetAndOptions)
    {
        using var directory = TestEnvironment.CreateTempDirectory();
        var path = directory.File("report.json");
        // Not a CI run, wherever the tests run: on a CI Verify would run inside Production instead of being skipped.
        var result = InProcessBuild.In(HostRun.RepositoryRoot, new Dictionary<string, string> { ["CI"] = "false" }, null,
            [$"--target={targetAndOptions[0]}", .. targetAndOptions[1..], "--dryrun", $"--report={path}"]);
        Assert.That(result.ExitCode, Is.Zero, result.All);
        return JsonSerializer.Deserialize<BuildReportDocument>(File.ReadAllText(path), ReportReading)!;
    }

    [GeneratedRegex(@"^    (?<id>t_\w+)\[""(?<label>[^""]+)""\]:::\w+$")]
    private static partial Regex NodeLine();

    [GeneratedRegex(@"^    (?<from>t_\w+) (?<arrow>-->|-\.->) (?<to>t_\w+)$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"^    class (?<ids>t_\w+(?:,t_\w+)*) target$")]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"^    linkStyle (?<indexes>\d+(?:,\d+)*) [\w#:,.\- ]+$")]
    private static partial Regex LinkStyleLine();

    [GeneratedRegex(@"`([·█]+)`")]
    private static partial Regex BarCell();
}
