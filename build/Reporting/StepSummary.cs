using System.Globalization;
using System.Text;

namespace Build.Reporting;

/// <summary>The Markdown appended to $GITHUB_STEP_SUMMARY: a pure function of the report, tested as text.</summary>
public static class StepSummary
{
    public static string Render(BuildReportDocument report)
    {
        var text = new StringBuilder();
        var outcome = report.IsPlan ? "dry run (plan)" : report.Status;
        text.Append(CultureInfo.InvariantCulture, $"## OmniNode Bridge build: {report.Target} — {outcome}\n\n");
        if (report.Version is not null || report.Sha is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Version `{report.Version ?? "?"}`, commit `{report.Sha ?? "none"}`, {report.DurationSeconds:0.0} s.\n\n");
        }

        if (report.Failure is { } failure)
        {
            var where = failure.File is null ? "" : $" (`{failure.File}{(failure.Line is { } line ? ":" + line : "")}`)";
            text.Append(CultureInfo.InvariantCulture, $"> **Failed**{where}: {Cell(failure.Message)}\n\n");
            if (failure.ToolMessage is { } tool)
            {
                text.Append("<details><summary>The tool's last words</summary>\n\n~~~~\n").Append(tool).Append("\n~~~~\n</details>\n\n");
            }

        }

        if (report.Provisioning is { Count: > 0 } provisioning)
        {
            text.Append("### Provisioning\n\n| Step | Why | Time | Status |\n|---|---|---:|---|\n");
            foreach (var step in provisioning)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(step.Step)} | {Cell(step.Why)} | {step.Seconds:0.0} s | {step.Status} |\n");
            }

            text.Append('\n');
        }

        text.Append(report.IsPlan ? "### Tasks that would run\n\n" : "### Tasks\n\n");
        text.Append(Timeline(report));
        text.Append("\n### Task graph\n\n```mermaid\n").Append(Mermaid(report)).Append("```\n");

        text.Append(report.IsPlan ? "\n### Images that would be built\n\n" : "\n### Images\n\n");
        if (report.Images.Count == 0)
        {
            text.Append("No image in this run.\n");
        }
        else
        {
            text.Append("| Image | Tags | Digest | Size | Status |\n|---|---|---|---:|---|\n");
            foreach (var image in report.Images)
            {
                var tags = string.Join(", ", image.Tags.Select(tag => $"`{tag}`"));
                var digest = image.Digest is null ? "" : $"`{Short(image.Digest)}`";
                var size = image.SizeBytes is { } bytes ? $"{bytes / 1_000_000.0:0.0} MB" : "";
                var status = image.Reason is null ? image.Status : $"{image.Status}: {Cell(image.Reason)}";
                text.Append(CultureInfo.InvariantCulture, $"| {image.Name} | {tags} | {digest} | {size} | {status} |\n");
            }
        }

        if (report.Lock is { } lockEntry)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n**poetry.lock**: {lockEntry.State}. {Cell(lockEntry.Detail)}\n");
        }

        if (report.Compose is { } compose)
        {
            text.Append("\n### Stack\n\n| Service | Replicas | Healthy |\n|---|---:|---:|\n");
            foreach (var service in compose.Services)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {service.Service} | {service.Replicas} | {service.Healthy} |\n");
            }
        }

        return text.Append('\n').ToString();
    }

    /// <summary>
    /// The timeline as a compact table: status, start and duration of each task, and a bar of
    /// <see cref="TimelineColumns"/> characters on the run's time axis (critical-path tasks marked).
    /// </summary>
    public static string Timeline(BuildReportDocument report)
    {
        var critical = new HashSet<string>(TaskGraph.CriticalPath(report), StringComparer.Ordinal);
        var end = Math.Max(report.DurationSeconds, report.Tasks.Select(task => task.StartSeconds + task.DurationSeconds).DefaultIfEmpty(0).Max());
        var text = new StringBuilder("| Task | Status | Start | Duration | Timeline |\n|---|---|---:|---:|---|\n");
        foreach (var task in report.Tasks)
        {
            var (_, label, reason) = TaskOutcome.Of(task, report.Images);
            var status = reason is null ? label : $"{label}: {Cell(reason)}";
            var name = critical.Contains(task.Name) ? $"**{task.Name}**" : task.Name;
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {status} | {task.StartSeconds:0.0} s | {task.DurationSeconds:0.0} s | ")
                .Append(CultureInfo.InvariantCulture, $"`{Bar(task.StartSeconds, task.DurationSeconds, end)}` |\n");
        }

        return text.Append(critical.Count == 0 ? "" : $"\nCritical path (bold): {string.Join(" → ", TaskGraph.CriticalPath(report))}.\n").ToString();
    }

    public const int TimelineColumns = 24;

    private static string Bar(double start, double length, double end)
    {
        if (end <= 0)
        {
            return new string('█', 1).PadRight(TimelineColumns, '·');
        }

        var from = Math.Min(TimelineColumns - 1, (int)Math.Floor(start / end * TimelineColumns));
        var to = Math.Clamp((int)Math.Ceiling((start + length) / end * TimelineColumns), from + 1, TimelineColumns);
        return new string('·', from) + new string('█', to - from) + new string('·', TimelineColumns - to);
    }

    /// <summary>
    /// The task graph of this run as a Mermaid flowchart (GitHub draws it): one node per planned task, one arrow per
    /// edge of the plan (dashed: <c>[IsDependeeOf]</c>), the command-line targets and the critical path styled.
    /// </summary>
    public static string Mermaid(BuildReportDocument report)
    {
        var text = new StringBuilder("flowchart LR\n");
        foreach (var task in report.Tasks)
        {
            var (css, label, _) = TaskOutcome.Of(task, report.Images);
            text.Append(CultureInfo.InvariantCulture, $"    {MermaidId(task.Name)}[\"{task.Name}<br/>{label}\"]:::{css}\n");
        }

        var critical = TaskGraph.CriticalPath(report);
        var edges = report.Edges ?? [];
        for (var index = 0; index < edges.Count; index++)
        {
            var edge = edges[index];
            text.Append(CultureInfo.InvariantCulture,
                $"    {MermaidId(edge.From)} {(edge.Kind == TaskEdgeKinds.Dependee ? "-.->" : "-->")} {MermaidId(edge.To)}\n");
        }

        text.Append("    classDef built fill:#e8f5e9,stroke:#2e7d32\n    classDef done fill:#e8f5e9,stroke:#2e7d32\n")
            .Append("    classDef uptodate fill:#e3f2fd,stroke:#1565c0\n")
            .Append("    classDef skipped fill:#f5f5f5,stroke:#9e9e9e\n    classDef dryrun fill:#ede7f6,stroke:#7e57c2\n")
            .Append("    classDef failed fill:#fdecea,stroke:#c62828\n")
            .Append("    classDef notrun fill:#fafafa,stroke:#bbbbbb,stroke-dasharray:4 3\n");
        if (report.Targets is { Count: > 0 } targets)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"    classDef target stroke-width:4px\n    class {string.Join(",", targets.Select(MermaidId))} target\n");
        }

        var onPath = Enumerable.Range(0, edges.Count).Where(index => critical.Contains(edges[index].From) && critical.Contains(edges[index].To)).ToList();
        if (onPath.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    linkStyle {string.Join(",", onPath)} stroke:#ef6c00,stroke-width:3px\n");
        }

        return text.ToString();
    }

    /// <summary>A task's Mermaid node id: its name with a prefix, so no task can be a Mermaid keyword (end, graph …).</summary>
    public static string MermaidId(string task) =>
        "t_" + new string(task.Select(character => char.IsAsciiLetterOrDigit(character) ? character : '_').ToArray());

    /// <summary>sha256:0123456789ab… → sha256:0123456789ab (the 12 characters docker shows).</summary>
    public static string Short(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var hex = digest[(colon + 1)..];
        return hex.Length <= 12 ? digest : digest[..(colon + 1)] + hex[..12];
    }

    /// <summary>Text made safe for one table cell: one line, no pipe.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
