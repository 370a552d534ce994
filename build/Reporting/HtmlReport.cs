using System.Globalization;
using System.Net;
using System.Text;

namespace Build.Reporting;

/// <summary>
/// artifacts/build-report.html: the same report as the JSON, drawn. One self-contained file (inline CSS and SVG, no
/// script, no font, no link to a network) so it opens from file:// on an air-gapped machine and prints on one page
/// for a simple run. A pure function of the report, laid out by hand: a timeline, the task graph, images, lock,
/// stack and the failure.
/// </summary>
public static class HtmlReport
{
    private const int TimelineWidth = 960;
    private const int LabelWidth = 200;
    private const int BarArea = TimelineWidth - LabelWidth - 20;
    private const int RowHeight = 22;
    private const int NodeWidth = 170;
    private const int NodeHeight = 38;
    private const int ColumnGap = 60;
    private const int RowGap = 16;

    public static string Render(BuildReportDocument report)
    {
        var critical = new HashSet<string>(TaskGraph.CriticalPath(report), StringComparer.Ordinal);
        var html = new StringBuilder();
        var title = $"{report.Target} — {(report.IsPlan ? "dry run" : report.Status)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>OmniNode Bridge build: {E(title)}</title><style>{Css}</style></head><body>\n");
        Header(html, report);
        Failure(html, report);
        html.Append("<section class=\"timeline\"><h2>Timeline</h2>");
        Timeline(html, report, critical);
        html.Append("</section>\n<section class=\"graph\"><h2>Task graph</h2>");
        Graph(html, report, critical);
        html.Append("</section>\n");
        Images(html, report);
        html.Append("<div class=\"columns\">");
        Lock(html, report);
        Stack(html, report);
        html.Append("</div>\n");
        Legend(html);
        return html.Append("</body></html>\n").ToString();
    }

    private static void Header(StringBuilder html, BuildReportDocument report)
    {
        var status = report.IsPlan ? "dryrun" : report.Status;
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>OmniNode Bridge build: {E(report.Target)} ")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"badge {status}\">{(report.IsPlan ? "dry run" : E(report.Status))}</span></h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"facts\">version <code>{E(report.Version ?? "?")}</code>")
            .Append(CultureInfo.InvariantCulture, $" · commit <code>{E(report.Sha is { Length: > 12 } sha ? sha[..12] : report.Sha ?? "none")}</code>")
            .Append(CultureInfo.InvariantCulture, $" · started {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · {Duration(report.DurationSeconds)}")
            .Append(" · targets ")
            .Append(string.Join(", ", (report.Targets is { Count: > 0 } targets ? targets : [report.Target]).Select(target => $"<b>{E(target)}</b>")))
            .Append("</p></header>\n");
        html.Append(EngineFacts(report.Engine));
    }

    /// <summary>The engine, its image store, what built and which Compose ran: one line under the facts.</summary>
    private static string EngineFacts(EngineEntry? engine)
    {
        if (engine is null)
        {
            return "";
        }

        var uses = new[] { engine.ImageStore is { } store ? $"{store} image store" : null, engine.Builder, engine.Compose }.OfType<string>();
        return $"<p class=\"engine\">engine <code>{E(engine.Version)}</code> ({E(engine.Source)}){string.Concat(uses.Select(use => " · " + E(use)))}</p>";
    }

    private static void Failure(StringBuilder html, BuildReportDocument report)
    {
        if (report.Failure is not { } failure)
        {
            return;
        }

        var task = report.Tasks.FirstOrDefault(entry => entry.Status == TaskStatuses.Failed)?.Name;
        var where = failure.File is null
            ? ""
            : $" at <code class=\"where\">{E(failure.File)}{(failure.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) : "")}</code>";
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"failure\"><h2>Failed{(task is null ? "" : $" in {E(task)}")}{where}</h2>")
            .Append(failure.ToolMessage is { } tool
                ? $"<pre class=\"tool\">{E(tool)}</pre><p class=\"said\">from:</p><pre class=\"command\">{E(failure.Message)}</pre>"
                : $"<pre>{E(failure.Message)}</pre>")
            // A failed Deploy still says what serves and where: swarm rolled back, the stack runs on.
            .Append(report.Stack is null
                ? ""
                : "<p class=\"after\">The swarm stack as it runs after the failure: <a href=\"#swarm-stack\">Stack (swarm)</a>.</p>")
            .Append("</section>\n");
    }

    private static void Timeline(StringBuilder html, BuildReportDocument report, HashSet<string> critical)
    {
        // Provisioning first: setting up the machine came before (or in the middle of) the task that needed it.
        var rows = (report.Provisioning ?? [])
            .Select(step => new TimelineRow(
                $"⚙ {step.Step}", step.Step, ProvisioningClass(step.Status) + " provisioning", step.StartSeconds, step.Seconds, step.Status, step.Why, false))
            .ToList();
        foreach (var task in report.Tasks)
        {
            var (css, label, reason) = TaskOutcome.Of(task, report.Images);
            // A task that never ran sits at the run's end, where it would have started.
            var start = task.Status == TaskStatuses.NotRun ? report.DurationSeconds : task.StartSeconds;
            rows.Add(new(task.Name, task.Name, css, start, task.DurationSeconds, label, reason, critical.Contains(task.Name)));
            foreach (var image in report.Images.Where(image => image.Task == task.Name && image.Build is not null))
            {
                var imageClass = TaskOutcome.ImageClass(image);
                rows.Add(new($"  └ {image.Name}", image.Name, imageClass + " image", image.Build!.StartSeconds, image.Build.DurationSeconds,
                    image.Status, image.Reason, false, IsImage: true));
            }
        }

        var end = Math.Max(report.DurationSeconds, rows.Select(row => row.Start + row.Length).DefaultIfEmpty(0).Max());
        var scale = end <= 0 ? 0 : BarArea / end;
        var height = (rows.Count * RowHeight) + 30;
        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {TimelineWidth} {height}\" width=\"{TimelineWidth}\" role=\"img\" aria-label=\"Timeline of the tasks\">");
        var step = TickStep(end);
        for (var tick = 0.0; step > 0 && tick <= end + (step / 1000); tick += step)
        {
            var x = LabelWidth + (tick * scale);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{x:0.#}\" y1=\"0\" x2=\"{x:0.#}\" y2=\"{height - 18}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{x:0.#}\" y=\"{height - 4}\">{Tick(tick, step)}</text>");
        }

        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var y = index * RowHeight;
            var x = LabelWidth + (row.Start * scale);
            var width = Math.Max(4, row.Length * scale);
            var data = row.IsImage ? "data-image" : "data-task";
            var note = Duration(row.Length) + (row.Reason is null ? "" : " · " + row.Reason);
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"label{(row.IsImage ? " sub" : "")}\" x=\"4\" y=\"{y + 15}\">{E(row.Label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {row.Class}{(row.Critical ? " critical" : "")}\" {data}=\"{E(row.Name)}\" ")
                .Append(CultureInfo.InvariantCulture, $"x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{width:0.#}\" height=\"{RowHeight - 8}\" rx=\"3\">")
                .Append(CultureInfo.InvariantCulture,
                    $"<title>{E(row.Name)}: {E(row.Status)}{(row.Reason is null ? "" : " — " + E(row.Reason))}, {Duration(row.Length)}</title></rect>")
                .Append(CultureInfo.InvariantCulture,
                    $"<text class=\"note\" {NotePlace(x, width)} y=\"{y + 15}\">{E(note.Length > 70 ? note[..69] + "…" : note)}</text>");
        }

        html.Append("</svg>");
    }

    /// <summary>A provisioning step's bar colour: done, failed, or what a dry run would do.</summary>
    private static string ProvisioningClass(string status) => status switch
    {
        TaskStatuses.Failed => "failed",
        TaskStatuses.Planned => "dryrun",
        _ => "done",
    };

    /// <summary>The words go right of a bar, or left of it when the bar ends near the right edge.</summary>
    private static string NotePlace(double x, double width) =>
        x + width + 4 <= TimelineWidth - 200
            ? string.Create(CultureInfo.InvariantCulture, $"x=\"{x + width + 4:0.#}\"")
            : string.Create(CultureInfo.InvariantCulture, $"x=\"{Math.Max(LabelWidth, x - 4):0.#}\" text-anchor=\"end\"");

    /// <summary>One bar of the timeline: a task, or the build of an image under the task that started it.</summary>
    private sealed record TimelineRow(
        string Label, string Name, string Class, double Start, double Length, string Status, string? Reason, bool Critical, bool IsImage = false);

    private static void Graph(StringBuilder html, BuildReportDocument report, HashSet<string> critical)
    {
        var layers = TaskGraph.Layers(report);
        // An edge that skips a column would cross the boxes between: it arcs above them, each in its own lane.
        var longEdges = (report.Edges ?? []).Where(edge => layers.GetValueOrDefault(edge.To) - layers.GetValueOrDefault(edge.From) > 1).ToList();
        var top = 10 + (longEdges.Count * 8);
        var targets = new HashSet<string>(report.Targets ?? [], StringComparer.Ordinal);
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var rowsInLayer = new Dictionary<int, int>();
        foreach (var task in report.Tasks)
        {
            var layer = layers.GetValueOrDefault(task.Name);
            var row = rowsInLayer.GetValueOrDefault(layer);
            rowsInLayer[layer] = row + 1;
            position[task.Name] = (10 + (layer * (NodeWidth + ColumnGap)), top + (row * (NodeHeight + RowGap)));
        }

        var width = 20 + ((layers.Values.DefaultIfEmpty(0).Max() + 1) * (NodeWidth + ColumnGap)) - ColumnGap;
        var height = top + 10 + (rowsInLayer.Values.DefaultIfEmpty(1).Max() * (NodeHeight + RowGap)) - RowGap;
        html.Append(CultureInfo.InvariantCulture,
                $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" role=\"img\" aria-label=\"Task graph\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" " +
                "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var edge in report.Edges ?? [])
        {
            if (!position.TryGetValue(edge.From, out var from) || !position.TryGetValue(edge.To, out var to))
            {
                continue;
            }

            var (x1, y1, x2, y2) = (from.X + NodeWidth, from.Y + (NodeHeight / 2.0), to.X, to.Y + (NodeHeight / 2.0));
            var middle = (x1 + x2) / 2;
            var lane = longEdges.IndexOf(edge);
            var arc = 4 + (lane * 8);
            var path = lane < 0
                ? string.Create(CultureInfo.InvariantCulture, $"M{x1:0.#},{y1:0.#} C{middle:0.#},{y1:0.#} {middle:0.#},{y2:0.#} {x2:0.#},{y2:0.#}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"M{x1:0.#},{y1:0.#} C{x1 + 25:0.#},{y1:0.#} {x1 + 25:0.#},{arc} {x1 + 50:0.#},{arc} " +
                    $"L{x2 - 50:0.#},{arc} C{x2 - 25:0.#},{arc} {x2 - 25:0.#},{y2:0.#} {x2:0.#},{y2:0.#}");
            var onPath = critical.Contains(edge.From) && critical.Contains(edge.To);
            html.Append(CultureInfo.InvariantCulture, $"<path class=\"edge {edge.Kind}{(onPath ? " critical" : "")}\" ")
                .Append(CultureInfo.InvariantCulture, $"data-from=\"{E(edge.From)}\" data-to=\"{E(edge.To)}\" d=\"{path}\" marker-end=\"url(#arrow)\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{E(edge.From)} → {E(edge.To)} ({E(edge.Kind)})</title></path>");
        }

        foreach (var task in report.Tasks)
        {
            var (x, y) = position[task.Name];
            var (css, label, reason) = TaskOutcome.Of(task, report.Images);
            var classes = $"node {css}{(targets.Contains(task.Name) ? " target" : "")}{(critical.Contains(task.Name) ? " critical" : "")}";
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"{classes}\" data-task=\"{E(task.Name)}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{E(task.Name)}: {E(label)}{(reason is null ? "" : " — " + E(reason))}</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"6\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"name\" x=\"{x + (NodeWidth / 2)}\" y=\"{y + 16}\">{E(task.Name)}</text>")
                .Append(CultureInfo.InvariantCulture,
                    $"<text class=\"state\" x=\"{x + (NodeWidth / 2)}\" y=\"{y + 30}\">{E(label)} · {Duration(task.DurationSeconds)}</text></g>");
        }

        html.Append("</svg>");
    }

    private static void Images(StringBuilder html, BuildReportDocument report)
    {
        html.Append(report.IsPlan ? "<section><h2>Images (the plan)</h2>" : "<section><h2>Images</h2>");
        if (report.Images.Count == 0)
        {
            html.Append("<p class=\"none\">No image in this run.</p></section>\n");
            return;
        }

        html.Append("<table class=\"images\"><thead><tr><th>Image</th><th>Tags</th><th>Size (Verify budget)</th>" +
            "<th>Digest · input digest</th><th>Status</th><th>Signature</th><th>Base images</th><th>Supply chain</th><th>Build</th></tr></thead><tbody>");
        foreach (var image in report.Images)
        {
            var status = TaskOutcome.ImageClass(image);
            var statusText = image.Status switch
            {
                ImageStatuses.Built => "built",
                ImageStatuses.Skipped => "up to date",
                ImageStatuses.Failed => "failed",
                _ => "would build",
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"image-row\" data-image=\"{E(image.Name)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td><b>{E(image.Name)}</b><br><small>{E(image.Flavour)} · {E(image.Dockerfile)}</small></td>")
                .Append("<td>").Append(string.Join(" ", image.Tags.Select(tag => $"<span class=\"tag\">{E(tag)}</span>"))).Append("</td>")
                .Append("<td>").Append(SizeBar(image)).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><code>{E(image.Digest is null ? "–" : StepSummary.Short(image.Digest))}</code><br>")
                .Append(CultureInfo.InvariantCulture, $"<code>{E(image.InputDigest is null ? "–" : StepSummary.Short(image.InputDigest))}</code></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {status}\">{statusText}</span>")
                .Append(CultureInfo.InvariantCulture, $"{(image.Reason is null ? "" : $"<br><small>{E(image.Reason)}</small>")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"signature\">{(image.Signature is null ? "–" : SignatureBadge(image.Signature))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><small>{string.Join("<br>", (image.BaseImages ?? []).Select(E))}</small></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"supply-chain\"><small>{SupplyChain(image)}</small></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"nowrap\">{(image.Build is { } build ? Duration(build.DurationSeconds) : "–")}</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    /// <summary>
    /// Provenance attached or not, and the SBOM: its file, package counts, licences, and what changed since the previous
    /// build (the changed packages in the cell's tooltip); "–" for an image without either (a development image).
    /// </summary>
    private static string SupplyChain(ImageEntry image)
    {
        var lines = new List<string>();
        if (image.Provenance is { } provenance)
        {
            lines.Add(provenance ? "provenance attached" : "no provenance (engine without attestations)");
        }

        if (image.Sbom is { } sbom)
        {
            lines.Add($"SBOM <code>{E(sbom.File)}</code>");
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{sbom.Packages} packages ({sbom.DebianPackages} Debian, {sbom.PythonDistributions} Python), {sbom.Licences} licences"));
            if (sbom.Changes is { } changes)
            {
                var detail = string.Join("\n", changes.Added.Select(added => $"+ {added}").Concat(changes.Removed.Select(removed => $"- {removed}"))
                    .Concat(changes.Changed.Select(changed => $"~ {changed}")));
                lines.Add($"<span title=\"{E(detail)}\">since the previous build: {E(changes.Describe())}</span>");
            }
        }

        return lines.Count == 0 ? "–" : string.Join("<br>", lines);
    }

    /// <summary>
    /// signed and verified in green, a dry run's plan as planned; anything else is why the image is not (unsigned,
    /// signed by another key …).
    /// </summary>
    private static string SignatureBadge(string signature)
    {
        var badge = signature is "signed" or "verified" ? "built" : signature.StartsWith("would ", StringComparison.Ordinal) ? "dryrun" : "failed";
        return $"<span class=\"badge {badge}\">{E(signature)}</span>";
    }

    /// <summary>The image's size as a bar against its Verify budget (red above it); text only when one is unknown.</summary>
    private static string SizeBar(ImageEntry image)
    {
        if (image.SizeBytes is not { } size)
        {
            return image.SizeBudgetBytes is { } onlyBudget
                ? $"<small>budget {Megabytes(onlyBudget)}; size unknown ({(image.Status == ImageStatuses.Planned ? "not built" : "not inspected")})</small>"
                : "<small>–</small>";
        }

        if (image.SizeBudgetBytes is not { } budget || budget <= 0)
        {
            return Megabytes(size);
        }

        var fraction = Math.Min(1.0, (double)size / budget);
        var over = size > budget ? " over" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg class=\"size\" viewBox=\"0 0 140 12\" width=\"140\" height=\"12\">" +
            $"<rect class=\"budget\" x=\"0\" y=\"1\" width=\"140\" height=\"10\" rx=\"2\"/>" +
            $"<rect class=\"used{over}\" x=\"0\" y=\"1\" width=\"{fraction * 140:0.#}\" height=\"10\" rx=\"2\"/></svg>" +
            $"<br><small>{Megabytes(size)} of {Megabytes(budget)}</small>");
    }

    private static void Lock(StringBuilder html, BuildReportDocument report)
    {
        if (report.Lock is not { } lockEntry)
        {
            return;
        }

        var css = lockEntry.State is "fresh" or "regenerated" ? "built" : "failed";
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"lock\"><h2>poetry.lock <span class=\"badge {css}\">{E(lockEntry.State)}</span></h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(lockEntry.Detail)}</p><dl>")
            .Append(CultureInfo.InvariantCulture, $"<dt>rules</dt><dd>{E(lockEntry.Rules ?? "none applied")}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>written by</dt><dd>{E(lockEntry.Writer ?? "–")}</dd></dl>");
        if (lockEntry.Changes is { Count: > 0 } changes)
        {
            html.Append("<ul class=\"changes\">").Append(string.Join("", changes.Select(change => $"<li>{E(change)}</li>"))).Append("</ul>");
        }

        html.Append("</section>");
    }

    private static void Stack(StringBuilder html, BuildReportDocument report)
    {
        if (report.Compose is { } compose)
        {
            html.Append("<section class=\"stack\"><h2>Stack (compose)</h2><table><thead><tr>" +
                "<th>Service</th><th>Containers</th><th>Healthy</th><th>Failed</th></tr></thead><tbody>");
            foreach (var service in compose.Services)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"service-row\"><td>{E(service.Service)}</td><td>{service.Replicas}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{service.Healthy}</td><td>{service.Failed}</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        if (report.Stack is { } stack)
        {
            html.Append(CultureInfo.InvariantCulture,
                    $"<section class=\"stack\" id=\"swarm-stack\"><h2>Stack (swarm){(report.Failure is null ? "" : " after the failure")}</h2>")
                .Append("<table><thead><tr>" +
                "<th>Service</th><th>Desired</th><th>Running</th><th>Tasks: node · state · address</th></tr></thead><tbody>");
            foreach (var service in stack.Services)
            {
                var tasks = string.Join("<br>", service.Tasks.Select(task =>
                    $"<b>{E(task.Node ?? "unassigned")}</b> · {E(task.State)}{(task.Address is null ? "" : " · " + E(task.Address))}" +
                    $"{(task.Endpoints.Count == 0 ? "" : " · " + E(string.Join(", ", task.Endpoints)))}"));
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"service-row\"><td>{E(service.Name)}<br><small>{E(service.Image ?? "")}</small></td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{service.Desired}</td><td>{service.Running}</td><td>{tasks}</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }
    }

    private static void Legend(StringBuilder html) => html.Append(
        "<footer class=\"legend\"><span class=\"key built\"></span>built / succeeded <span class=\"key uptodate\"></span>up to date (input digest) " +
        "<span class=\"key skipped\"></span>skipped <span class=\"key dryrun\"></span>dry run <span class=\"key failed\"></span>failed " +
        "<span class=\"key notrun\"></span>not run <span class=\"key critical\"></span>critical path · <b>bold box</b>: a command-line target · " +
        "dashed arrow: <code>[IsDependeeOf]</code> · written from the same data as build-report.json</footer>\n");

    private static double TickStep(double end)
    {
        if (end <= 0)
        {
            return 0;
        }

        var raw = end / 8;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 5, 10 }.Select(factor => factor * magnitude).First(step => step >= raw);
    }

    private static string Tick(double value, double step) =>
        step >= 1 ? $"{value.ToString("0", CultureInfo.InvariantCulture)} s"
        : step >= 0.1 ? $"{value.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : $"{(value * 1000).ToString("0", CultureInfo.InvariantCulture)} ms";

    private static string Duration(double seconds) =>
        seconds < 1 ? $"{(seconds * 1000).ToString("0", CultureInfo.InvariantCulture)} ms"
        : seconds < 120 ? $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : $"{Math.Floor(seconds / 60).ToString("0", CultureInfo.InvariantCulture)} min {(seconds % 60).ToString("00", CultureInfo.InvariantCulture)} s";

    private static string Megabytes(long bytes) => $"{(bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture)} MB";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css =
        ":root{--built:#2e7d32;--uptodate:#1565c0;--skipped:#9e9e9e;--dryrun:#7e57c2;--failed:#c62828;--notrun:#e0e0e0;--critical:#ef6c00}\n" +
        "body{font:14px/1.4 system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;color:#222;margin:16px auto;max-width:1400px;" +
        "padding:0 16px}\n" +
        "h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:14px 0 6px}\n" +
        ".facts{color:#555;margin:0}code{font:12px ui-monospace,Menlo,Consolas,monospace}\n" +
        ".columns{display:flex;flex-wrap:wrap;gap:0 28px}.columns>section{flex:1 1 460px;min-width:0}\n" +
        ".badge{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;vertical-align:middle;" +
        "background:var(--skipped)}\n" +
        ".badge.succeeded,.badge.built{background:var(--built)}.badge.uptodate{background:var(--uptodate)}.badge.failed{background:var(--failed)}" +
        ".badge.dryrun{background:var(--dryrun)}\n" +
        ".failure{border:2px solid var(--failed);background:#fdecea;border-radius:6px;padding:4px 12px}.failure h2{color:var(--failed)}\n" +
        ".failure pre{white-space:pre-wrap;margin:4px 0 8px;font:12px ui-monospace,Menlo,Consolas,monospace}" +
        ".failure pre.tool{background:#fff;border:1px solid #f3c0bb;padding:4px 6px}.failure pre.command{font-size:11px;color:#555}" +
        ".said{margin:0;color:#555}\n" +
        "svg.chart{display:block;height:auto;max-width:100%}svg text{font-size:12px;fill:#222}\n" +
        ".label.sub{fill:#555;font-size:11px}.note,.axis{fill:#666;font-size:11px}.axis{text-anchor:middle}.tick{stroke:#eee}\n" +
        ".bar.built,.bar.done{fill:var(--built)}.bar.uptodate{fill:var(--uptodate)}.bar.skipped{fill:var(--skipped)}.bar.dryrun{fill:var(--dryrun)}\n" +
        ".bar.failed{fill:var(--failed)}.bar.notrun{fill:var(--notrun)}.bar.image{opacity:.55}\n" +
        ".bar.provisioning{opacity:.7;stroke:#555;stroke-dasharray:3 2}.bar.critical{stroke:var(--critical);stroke-width:3}\n" +
        ".node rect{fill:#fff;stroke:#888;stroke-width:1.5}.node .name{font-weight:600;text-anchor:middle}" +
        ".node .state{font-size:11px;fill:#555;text-anchor:middle}\n" +
        ".node.built rect,.node.done rect{fill:#e8f5e9;stroke:var(--built)}.node.uptodate rect{fill:#e3f2fd;stroke:var(--uptodate)}" +
        ".node.skipped rect{fill:#f5f5f5;stroke:var(--skipped)}\n" +
        ".node.dryrun rect{fill:#ede7f6;stroke:var(--dryrun)}.node.failed rect{fill:#fdecea;stroke:var(--failed)}" +
        ".node.notrun rect{fill:#fafafa;stroke:#bbb;stroke-dasharray:4 3}\n" +
        ".node.target rect{stroke-width:4}.node.critical rect{filter:drop-shadow(0 0 2px var(--critical))}.node.target .name{text-decoration:underline}\n" +
        ".edge{fill:none;stroke:#555;stroke-width:1.5}.edge.dependee{stroke-dasharray:6 4}.edge.critical{stroke:var(--critical);stroke-width:2.5}\n" +
        "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top}" +
        "th{font-size:12px;color:#555}.nowrap{white-space:nowrap}\n" +
        ".tag{display:inline-block;border:1px solid #ccc;border-radius:3px;padding:0 4px;margin:1px;font:11px ui-monospace,Menlo,Consolas,monospace}\n" +
        "svg.size .budget{fill:#eee}svg.size .used{fill:var(--built)}svg.size .used.over{fill:var(--failed)}\n" +
        "dl{display:grid;grid-template-columns:auto 1fr;gap:0 12px;margin:4px 0}dt{color:#555}dd{margin:0}.changes{margin:4px 0}\n" +
        ".legend{margin-top:14px;color:#555;font-size:12px}" +
        ".key{display:inline-block;width:12px;height:10px;margin:0 4px 0 10px;border-radius:2px;background:var(--skipped)}\n" +
        ".key.built{background:var(--built)}.key.uptodate{background:var(--uptodate)}.key.dryrun{background:var(--dryrun)}" +
        ".key.failed{background:var(--failed)}.key.notrun{background:var(--notrun)}\n" +
        ".key.critical{background:none;border:3px solid var(--critical);width:8px;height:6px}\n" +
        "@media print{@page{size:A4 landscape;margin:8mm}body{margin:0;font-size:11px;max-width:none;zoom:.8}section{break-inside:avoid}h2{margin:8px 0 4px}}";
}
