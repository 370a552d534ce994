using Build.Images;
using Build.Reporting;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Reporting;

/// <summary>ImageReporting in-process: after a build the engine is asked again, once, for the new id and size.</summary>
public sealed class ImageReportingTests
{
    private static readonly ImageSpec Spec = new("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production",
        ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    [Test]
    public void A_rebuilt_image_is_inspected_again_and_its_new_id_and_size_reported()
    {
        var inspections = 0;
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.StartsWith("image inspect", StringComparison.Ordinal)
                ? (0, [$$"""[{"Id":"sha256:{{++inspections}}","Size":{{inspections * 100}},"RepoTags":["reducer:prod"]}]"""])
                : (1, []),
        };
        var runner = new CommandRunner(new ProcessContext(processes));
        var images = new ImageInputs("/repo", runner, new DockerCommands("docker", new DirectoryPath("/repo")), engineReachable: true);
        var before = images.Inspect(Spec);
        var report = new BuildReport();

        ImageReporting.Built(report, images, dryRun: false, Spec, "sha256:inputs");

        var entry = report.Snapshot("Production", dryRun: false, DateTimeOffset.UnixEpoch, null, null).Images.Single();
        using var scope = Assert.EnterMultipleScope();
        Assert.That(before!.Id, Is.EqualTo("sha256:1"));
        Assert.That(entry.Digest, Is.EqualTo("sha256:2"));
        Assert.That(entry.SizeBytes, Is.EqualTo(200));
        Assert.That(images.Inspect(Spec)!.Id, Is.EqualTo("sha256:2"), "later questions get the rebuilt image's answer without asking again");
        Assert.That(inspections, Is.EqualTo(2));
    }

    [Test]
    public void A_dry_run_reports_the_image_as_planned_and_asks_nothing()
    {
        var processes = new RecordingProcessRunner();
        var runner = RunServices.Runner(new ProcessContext(processes), dryRun: true);
        var images = new ImageInputs("/repo", runner, new DockerCommands("docker", new DirectoryPath("/repo")), engineReachable: false);
        var report = new BuildReport();

        ImageReporting.Built(report, images, dryRun: true, Spec);

        using var scope = Assert.EnterMultipleScope();
        Assert.That(report.Snapshot("Production", dryRun: true, DateTimeOffset.UnixEpoch, null, null).Images.Single().Status,
            Is.EqualTo(ImageStatuses.Planned));
        Assert.That(processes.Started, Is.Empty);
    }
}
