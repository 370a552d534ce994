using System.Text.Json;
using Build.Images;
using Build.Provisioning;
using Build.Reporting;
using Build.Stack;

namespace Build.Tests.Reporting;

public sealed class BuildReportTests
{
    private static readonly ImageSpec Orchestrator = new(
        "orchestrator", ImageFlavour.Production, "orchestrator", "deployment/Dockerfile.orchestrator", "production",
        ["prod", "latest", "0.1.0"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.AddSeconds(5);

    [Test]
    public void A_task_does_not_carry_the_time_of_the_provisioning_it_needed()
    {
        var report = new BuildReport();
        report.Plan(["EnsureLock", "BuildOrchestrator"]);
        var taskStart = report.StartedAt.AddSeconds(1);
        // The engine (40 s) and the base images (100 s) were set up inside BuildOrchestrator, whose image took 4 s.
        report.Provisioned(new ProvisioningEntry("project engine", "no engine answered", 1.5, 40, "succeeded"));
        report.Provisioned(new ProvisioningEntry("base images omninode/python:3.11-bookworm", "the engine lacks it", 41.5, 100, "succeeded"));
        report.Task("BuildOrchestrator", TaskStatuses.Succeeded, TimeSpan.FromSeconds(145), end: taskStart.AddSeconds(145));

        var document = report.Snapshot("BuildOrchestrator", dryRun: false, Now, null, null);

        var task = document.Tasks.Single(entry => entry.Name == "BuildOrchestrator");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.DurationSeconds, Is.EqualTo(5).Within(0.01));
            Assert.That(task.StartSeconds, Is.EqualTo(141).Within(0.01), "the bar starts where the provisioning ended");
            Assert.That(document.Provisioning!.Select(step => (step.Step, step.Seconds, step.Status)), Is.EqualTo(new[]
            {
                ("project engine", 40.0, "succeeded"),
                ("base images omninode/python:3.11-bookworm", 100.0, "succeeded"),
            }));
            using var json = JsonDocument.Parse(BuildReportWriter.Serialize(document));
            var first = json.RootElement.GetProperty("provisioning")[0];
            Assert.That(first.GetProperty("step").GetString(), Is.EqualTo("project engine"));
            Assert.That(first.GetProperty("seconds").GetDouble(), Is.EqualTo(40));
            Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        }
    }

    [Test]
    public void Tasks_keep_the_planned_order_and_unreached_ones_are_not_run()
    {
        var report = new BuildReport();
        report.Plan(["EnsureLock", "BuildOrchestrator", "Production"]);
        report.Task("EnsureLock", TaskStatuses.Succeeded, TimeSpan.FromMilliseconds(120));
        report.Task("BuildOrchestrator", TaskStatuses.Failed, TimeSpan.FromSeconds(3));
        var document = report.Snapshot("Production", dryRun: false, Now, "0.1.0", null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.Tasks.Select(task => (task.Name, task.Status)), Is.EqualTo(new[]
            {
                ("EnsureLock", TaskStatuses.Succeeded), ("BuildOrchestrator", TaskStatuses.Failed), ("Production", TaskStatuses.NotRun),
            }));
            Assert.That(document.Tasks[0].DurationSeconds, Is.EqualTo(0.12));
            Assert.That(document.Status, Is.EqualTo(TaskStatuses.Failed));
        }
    }

    [Test]
    public void A_dry_run_lists_unreached_tasks_as_planned()
    {
        var report = new BuildReport();
        report.Plan(["EnsureLock"]);
        var document = report.Snapshot("EnsureLock", dryRun: true, Now, null, null);
        Assert.That(document.Tasks.Single().Status, Is.EqualTo(TaskStatuses.Planned));
    }

    [Test]
    public void A_built_image_replaces_its_planned_line_and_carries_digest_and_size()
    {
        var report = new BuildReport();
        report.ImagePlanned(Orchestrator);
        report.ImageBuilt(Orchestrator, "sha256:abc", 123_456_789, inputDigest: "sha256:input");
        var image = report.Snapshot("Production", false, Now, null, null).Images.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(image.Status, Is.EqualTo(ImageStatuses.Built));
            Assert.That(image.Name, Is.EqualTo("orchestrator:prod"));
            Assert.That(image.Digest, Is.EqualTo("sha256:abc"));
            Assert.That(image.SizeBytes, Is.EqualTo(123_456_789));
            Assert.That(image.InputDigest, Is.EqualTo("sha256:input"));
            Assert.That(image.Flavour, Is.EqualTo("production"));
        }
    }

    [Test]
    public void Report_json_uses_camel_case_names_and_keeps_lock_compose_and_failure()
    {
        var report = new BuildReport();
        report.ImageSkipped(Orchestrator, "up to date");
        report.Lock(new LockEntry("stale", "content-hash differs"));
        report.Compose([new ServiceHealth("reducer", 2, 2, 0)]);
        report.Fail(new BuildFailure("poetry.lock", 12, "stale"));
        report.Fail(new BuildFailure(null, null, "a later failure is not the cause"));
        using var json = JsonDocument.Parse(BuildReportWriter.Serialize(report.Snapshot("Scale", false, Now, "0.1.0", "abc")));
        var root = json.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("images")[0].GetProperty("reason").GetString(), Is.EqualTo("up to date"));
            Assert.That(root.GetProperty("lock").GetProperty("state").GetString(), Is.EqualTo("stale"));
            Assert.That(root.GetProperty("compose").GetProperty("services")[0].GetProperty("healthy").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("failure").GetProperty("file").GetString(), Is.EqualTo("poetry.lock"));
            Assert.That(root.GetProperty("failure").GetProperty("line").GetInt32(), Is.EqualTo(12));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("failed"));
        }
    }

    [Test]
    public void Writer_replaces_the_report_and_leaves_no_temp_file()
    {
        var directory = Directory.CreateTempSubdirectory("bridge-report-").FullName;
        try
        {
            var path = Path.Combine(directory, "nested", "build-report.json");
            BuildReportWriter.Write(path, new BuildReport().Snapshot("A", false, Now, null, null));
            BuildReportWriter.Write(path, new BuildReport().Snapshot("B", false, Now, null, null));
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(json.RootElement.GetProperty("target").GetString(), Is.EqualTo("B"));
                Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName),
                    Is.EquivalentTo(new[] { "build-report.json", "build-report.html" }));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Snapshot_carries_task_starts_image_timings_budgets_and_the_graph()
    {
        var report = new BuildReport();
        report.Plan(["EnsureLock", "BuildOrchestrator"]);
        report.Graph(["BuildOrchestrator"], [new TaskEdge("EnsureLock", "BuildOrchestrator", TaskEdgeKinds.Dependency)]);
        report.SizeBudget(new Build.Verification.VerifyBudget(185, 120));
        report.Task("EnsureLock", TaskStatuses.Succeeded, TimeSpan.FromSeconds(1), end: report.StartedAt.AddSeconds(1.5));
        report.ImageOfTask("BuildOrchestrator", Orchestrator);
        report.ImageTimed(Orchestrator, report.StartedAt.AddSeconds(2), report.StartedAt.AddSeconds(5));
        report.ImageBuilt(Orchestrator, "sha256:abc", 1);
        var document = report.Snapshot("BuildOrchestrator", false, Now, null, null);
        var image = document.Images.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.Tasks[0].StartSeconds, Is.EqualTo(0.5));
            Assert.That(image.Task, Is.EqualTo("BuildOrchestrator"));
            Assert.That(image.Build, Is.EqualTo(new ImageTiming(2, 3)));
            Assert.That(image.SizeBudgetBytes, Is.EqualTo(185_000_000));
            Assert.That(document.Targets, Is.EqualTo(new[] { "BuildOrchestrator" }));
            Assert.That(document.Edges, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void A_failure_wrapped_by_a_parallel_build_keeps_its_file_line_and_tool_message()
    {
        var inner = new Cake.Core.CakeException(1, "docker failed").At("deployment/Dockerfile.reducer", 15).WithToolMessage("exit code: 3");
        var wrapped = new Cake.Core.CakeException(1, "reducer:prod failed: docker failed", inner);
        Assert.That(BuildFailure.From(wrapped),
            Is.EqualTo(new BuildFailure("deployment/Dockerfile.reducer", 15, "reducer:prod failed: docker failed", "exit code: 3")));
    }

    [Test]
    public void Failure_file_and_line_travel_on_the_exception()
    {
        var exception = new Cake.Core.CakeException(2, "stale lock").At("poetry.lock", 7);
        Assert.That(BuildFailure.From(exception), Is.EqualTo(new BuildFailure("poetry.lock", 7, "stale lock")));
    }

    [Test]
    public void An_exception_without_a_file_gives_a_failure_without_one()
    {
        Assert.That(BuildFailure.From(new InvalidOperationException("boom")), Is.EqualTo(new BuildFailure(null, null, "boom")));
    }

    [TestCase(true, true, false, TaskStatuses.Skipped)]
    [TestCase(false, true, true, TaskStatuses.Planned)]
    [TestCase(false, true, false, TaskStatuses.Succeeded)]
    [TestCase(false, false, false, TaskStatuses.Failed)]
    public void Task_status_comes_from_skipped_successful_and_dry_run(bool skipped, bool successful, bool dryRun, string expected)
    {
        Assert.That(BuildTaskLifetime.Status(skipped, successful, dryRun), Is.EqualTo(expected));
    }

    [Test]
    public void The_engine_names_its_image_store_and_then_what_built_and_which_Compose_ran()
    {
        var report = new BuildReport();
        report.Engine(new EngineEntry("unix:///run/e/docker.sock", "26.1.5+dfsg1", "project engine", ImageStore: "containerd"));
        report.EngineUses(builder: "buildx 0.13.1");
        report.EngineUses(compose: "docker compose 2.26.1-4");

        var json = System.Text.Json.JsonDocument.Parse(BuildReportWriter.Serialize(report.Snapshot("Production", dryRun: false, Now, null, null)));

        var engine = json.RootElement.GetProperty("engine");
        Assert.That((engine.GetProperty("imageStore").GetString(), engine.GetProperty("builder").GetString(), engine.GetProperty("compose").GetString()),
            Is.EqualTo(("containerd", "buildx 0.13.1", "docker compose 2.26.1-4")));
    }
}
