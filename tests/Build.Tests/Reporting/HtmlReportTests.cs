using System.Text.RegularExpressions;
using Build.Reporting;
using Build.Stack;

namespace Build.Tests.Reporting;

/// <summary>The HTML report as text: self-contained, and drawing every part of the report it is given.</summary>
public sealed class HtmlReportTests
{
    private static BuildReportDocument Report() => TaskGraphTests.Report(
            [("EnsureLock", 0.1), ("BuildOrchestrator", 5), ("BuildReducer", 0.2), ("Production", 0)],
            [("EnsureLock", "BuildOrchestrator"), ("EnsureLock", "BuildReducer"), ("BuildOrchestrator", "Production"), ("BuildReducer", "Production")]) with
        {
            Images =
            [
                new ImageEntry("orchestrator:prod", "orchestrator", "production", "orchestrator", ["prod", "0.1.0"], "deployment/Dockerfile.orchestrator",
                    ImageStatuses.Built,
                    "sha256:62d8ee5d444f0123", 250_000_000, "sha256:82a5aa", Task: "BuildOrchestrator", Build: new ImageTiming(0.1, 4.9),
                    SizeBudgetBytes: 200_000_000,
                    BaseImages: ["omninode/python:3.11-bookworm"]),
                new ImageEntry("reducer:prod", "reducer", "production", "reducer", ["prod"], "deployment/Dockerfile.reducer", ImageStatuses.Skipped,
                    Reason: "inputs unchanged", Task: "BuildReducer", Build: new ImageTiming(0.1, 0.05), SizeBudgetBytes: 200_000_000),
            ],
            Lock = new LockEntry("regenerated", "poetry.lock was regenerated.", "Poetry 1.2–1.8 rules", "Poetry 1.3",
                ["content-hash 0123456789ab → ba9876543210"]),
            Compose = new ComposeEntry([new ServiceHealth("reducer", 2, 2, 0)]),
            Stack = new StackEntry([new StackServiceEntry("orchestrator", 3, 3, "orchestrator:prod",
                [new StackTaskEntry("node-a", "running", "10.0.1.5", ["127.0.0.1:18060"]), new StackTaskEntry("node-b", "running", null, [])])]),
        };

    [Test]
    public void The_timeline_draws_provisioning_before_the_tasks()
    {
        var report = Report() with
        {
            Provisioning = [new Build.Provisioning.ProvisioningEntry("project engine", "no engine was named and none answered", 0.2, 38.5, "succeeded")],
        };

        var html = HtmlReport.Render(report);

        var provisioning = html.IndexOf("data-task=\"project engine\"", StringComparison.Ordinal);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Match("<rect class=\"bar done provisioning\" data-task=\"project engine\""));
            Assert.That(html, Does.Contain("⚙ project engine").And.Contain("no engine was named and none answered"));
            Assert.That(provisioning, Is.GreaterThan(0).And.LessThan(html.IndexOf("data-task=\"EnsureLock\"", StringComparison.Ordinal)));
        }
    }

    [Test]
    public void A_failure_with_a_swarm_stack_points_at_the_stack_as_it_runs_afterwards()
    {
        var html = HtmlReport.Render(Report() with { Failure = new BuildFailure(null, null, "Stack s: reducer rolled back to reducer@sha256:1", null) });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("<a href=\"#swarm-stack\">Stack (swarm)</a>"));
            Assert.That(html, Does.Contain("id=\"swarm-stack\"><h2>Stack (swarm) after the failure</h2>"));
            Assert.That(html, Does.Contain("127.0.0.1:18060"));
        }
    }

    [Test]
    public void A_swarm_stack_without_a_failure_is_just_the_stack() =>
        Assert.That(HtmlReport.Render(Report()), Does.Contain("<h2>Stack (swarm)</h2>").And.Not.Contain("after the failure"));

    [Test]
    public void The_page_needs_no_network_and_no_script()
    {
        var html = HtmlReport.Render(Report() with { Failure = new BuildFailure("deployment/Dockerfile.orchestrator", 15, "docker failed", "exit 3") });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
            Assert.That(html, Does.Not.Contain("http:").And.Not.Contain("https:").And.Not.Contain("@import").And.Not.Contain("@font-face"));
            Assert.That(Regex.Matches(html, @"url\((?!#arrow\))"), Is.Empty, "a url() other than the arrow marker");
        }
    }

    [Test]
    public void Every_task_has_a_bar_and_a_node_and_every_image_a_row_and_a_build_bar()
    {
        var html = HtmlReport.Render(Report());
        using (Assert.EnterMultipleScope())
        {
            foreach (var task in new[] { "EnsureLock", "BuildOrchestrator", "BuildReducer", "Production" })
            {
                Assert.That(html, Does.Match($"<rect class=\"bar [^\"]*\" data-task=\"{task}\""), task);
                Assert.That(html, Does.Match($"<g class=\"node [^\"]*\" data-task=\"{task}\""), task);
            }

            Assert.That(Regex.Matches(html, "<tr class=\"image-row\""), Has.Count.EqualTo(2));
            Assert.That(Regex.Matches(html, "<rect class=\"bar [^\"]* image\" data-image="), Has.Count.EqualTo(2));
            Assert.That(Regex.Matches(html, "<path class=\"edge "), Has.Count.EqualTo(4));
        }
    }

    [Test]
    public void Outcomes_budget_lock_and_stack_are_drawn()
    {
        var html = HtmlReport.Render(Report());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Match("<rect class=\"bar uptodate[^\"]*\" data-task=\"BuildReducer\""),
                "an image task whose image was skipped is up to date");
            Assert.That(html, Does.Contain("inputs unchanged (input digest)"));
            Assert.That(html, Does.Match("<g class=\"node [^\"]*target[^\"]*\" data-task=\"Production\""));
            Assert.That(html, Does.Match("<rect class=\"bar built critical\" data-task=\"BuildOrchestrator\""));
            Assert.That(html, Does.Contain("class=\"used over\""), "250 MB is over the 200 MB budget");
            Assert.That(html, Does.Contain("250.0 MB of 200.0 MB"));
            Assert.That(html, Does.Contain("content-hash 0123456789ab → ba9876543210"));
            Assert.That(html, Does.Contain("<b>node-a</b> · running · 10.0.1.5 · 127.0.0.1:18060"));
            Assert.That(html, Does.Contain("<td>reducer</td><td>2</td><td>2</td><td>0</td>"));
        }
    }

    [TestCase("artifacts/build-report.json", "artifacts/build-report.html")]
    [TestCase("/tmp/run.out", "/tmp/run.html")]
    [TestCase("/tmp/report", "/tmp/report.html")]
    [TestCase("/tmp/report.html", "/tmp/report.html.html")]
    public void The_html_goes_beside_the_json_under_the_same_name(string json, string html)
    {
        Assert.That(BuildReportWriter.HtmlPath(json), Is.EqualTo(html));
    }

    [Test]
    public void The_header_names_the_engine_its_image_store_builder_and_Compose()
    {
        var html = HtmlReport.Render(Report() with
        {
            Engine = new EngineEntry("unix:///run/e/docker.sock", "26.1.5+dfsg1", "project engine", "containerd", "buildx 0.13.1", "docker compose 2.26.1"),
        });

        Assert.That(html, Does.Contain(
            "<p class=\"engine\">engine <code>26.1.5+dfsg1</code> (project engine) · containerd image store · buildx 0.13.1 · docker compose 2.26.1</p>"));
    }
}
