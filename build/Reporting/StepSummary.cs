using System.Globalization;
using System.Text;

namespace Build.Reporting;

/// <summary>The Markdown appended to $GITHUB_STEP_SUMMARY: a pure function of the report, tested as text.</summary>
public static class StepSummary
{
    public static string Render(BuildReportDocument report)
    {
        var text = new StringBuilder();
        var outcome = report.DryRun ? "dry run (plan)" : report.Status;
        text.Append(CultureInfo.InvariantCulture, $"## OmniNode Bridge build: {report.Target} — {outcome}\n\n");
        if (report.Version is not null || report.Sha is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Version `{report.Version ?? "?"}`, commit `{report.Sha ?? "none"}`, {report.DurationSeconds:0.0} s.\n\n");
        }

        if (report.Failure is { } failure)
        {
            var where = failure.File is null ? "" : $" (`{failure.File}{(failure.Line is { } line ? ":" + line : "")}`)";
            text.Append(CultureInfo.InvariantCulture, $"> **Failed**{where}: {Cell(failure.Message)}\n\n");
        }

        text.Append(report.DryRun ? "### Tasks that would run\n\n" : "### Tasks\n\n");
        text.Append("| Task | Status | Duration |\n|---|---|---:|\n");
        foreach (var task in report.Tasks)
        {
            var status = task.SkipReason is null ? task.Status : $"{task.Status}: {Cell(task.SkipReason)}";
            text.Append(CultureInfo.InvariantCulture, $"| {task.Name} | {status} | {task.DurationSeconds:0.0} s |\n");
        }

        text.Append(report.DryRun ? "\n### Images that would be built\n\n" : "\n### Images\n\n");
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
