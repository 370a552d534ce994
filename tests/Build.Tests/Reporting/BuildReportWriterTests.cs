using System.Text.Json;
using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.Reporting;

/// <summary>
/// The HTML report of real runs, opened in headless Chromium from a file:// URL: a screenshot that is not blank, and
/// the timeline bars, graph nodes and image rows in the DOM Chromium built.
/// </summary>
[Category("Browser")]
public sealed class BuildReportWriterTests
{
    [Test]
    public void A_production_dry_run_report_draws_its_tasks_graph_and_images()
    {
        var chromium = HeadlessChromium.Require();
        using var directory = TestEnvironment.CreateTempDirectory();
        var json = directory.File("production.json");
        var result = InProcessBuild.Run("--target=Production", "--dryrun", $"--report={json}");
        Assert.That(result.ExitCode, Is.Zero, result.All);
        var html = directory.File("production.html");
        using var report = JsonDocument.Parse(File.ReadAllText(json));

        var pixels = PngPixels.Read(HeadlessChromium.Screenshot(chromium, html));
        var dom = HeadlessChromium.DumpDom(chromium, html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pixels.CountNonWhite(), Is.GreaterThan(pixels.Width * pixels.Height / 50), "the screenshot is (nearly) blank");
            Assert.That(pixels.CountNear(0x7e, 0x57, 0xc2), Is.GreaterThan(500), "no dry-run purple bars on the screenshot");
            AssertDrawn(dom, report.RootElement);
        }
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void A_failed_build_report_names_the_dockerfile_line_and_the_tool_message()
    {
        DockerEngineRequirement.Require();
        var chromium = HeadlessChromium.Require();
        using var scratch = new ScratchRepository();
        var dockerfile = scratch.PathOf("deployment/Dockerfile.orchestrator");
        var lines = File.ReadAllLines(dockerfile).ToList();
        var failing = lines.FindIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal)) + 1;
        lines.Insert(failing, "RUN echo \"the bridge runtime needs libbridge, which is not installed\" >&2; exit 3");
        File.WriteAllLines(dockerfile, lines);

        // A registry prefix of its own keeps this run's images apart from the ones other tests build.
        var result = scratch.Run("--target=Production", "--registry=127.0.0.1:5999/report-test", "--force");
        DockerImages.RemoveRepositories("127.0.0.1:5999/report-test/");
        var html = scratch.PathOf("artifacts/build-report.html");
        using var report = JsonDocument.Parse(File.ReadAllText(scratch.PathOf("artifacts/build-report.json")));
        var failure = report.RootElement.GetProperty("failure");
        var pixels = PngPixels.Read(HeadlessChromium.Screenshot(chromium, html));
        var dom = HeadlessChromium.DumpDom(chromium, html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.All);
            Assert.That(failure.GetProperty("file").GetString(), Is.EqualTo("deployment/Dockerfile.orchestrator"));
            Assert.That(failure.GetProperty("line").GetInt32(), Is.EqualTo(failing + 1));
            Assert.That(failure.GetProperty("toolMessage").GetString(), Does.Contain("libbridge, which is not installed"));
            Assert.That(dom, Does.Contain($"deployment/Dockerfile.orchestrator:{failing + 1}"));
            Assert.That(dom, Does.Contain("libbridge, which is not installed"));
            Assert.That(dom, Does.Match("<rect class=\"bar failed[^\"]*\" data-task=\"BuildOrchestrator\""));
            Assert.That(pixels.CountNear(0xc6, 0x28, 0x28), Is.GreaterThan(300), "no failure red on the screenshot");
            AssertDrawn(dom, report.RootElement);
        }
    }

    /// <summary>A bar and a graph node for every task of the report, a row for every image.</summary>
    private static void AssertDrawn(string dom, JsonElement report)
    {
        foreach (var task in report.GetProperty("tasks").EnumerateArray().Select(task => task.GetProperty("name").GetString()!))
        {
            Assert.That(dom, Does.Match($"<rect class=\"bar [^\"]*\" data-task=\"{task}\""), $"no timeline bar for {task}");
            Assert.That(dom, Does.Match($"<g class=\"node [^\"]*\" data-task=\"{task}\""), $"no graph node for {task}");
        }

        foreach (var image in report.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("name").GetString()!))
        {
            Assert.That(dom, Does.Contain($"<tr class=\"image-row\" data-image=\"{image}\""), $"no row for {image}");
        }

        Assert.That(Regex.Matches(dom, "<path class=\"edge "), Has.Count.EqualTo(report.GetProperty("edges").GetArrayLength()));
    }
}
