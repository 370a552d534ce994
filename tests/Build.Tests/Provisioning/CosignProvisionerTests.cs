using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;

namespace Build.Tests.Provisioning;

/// <summary>cosign's provisioning with the recording process runner: the pin, its own folder, nothing left when it fails.</summary>
public sealed class CosignProvisionerTests
{
    [Test]
    public void It_downloads_the_pin_extracts_it_asks_cosign_its_version_and_only_then_names_the_folder()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new CosignToolchain(home.File("toolchains"));
        var processes = new RecordingProcessRunner();
        var staging = $"{toolchain.Folder}.partial-{Environment.ProcessId}";

        new CosignProvisioner(new CommandRunner(new ProcessContext(processes)), toolchain).Ensure(_ => { });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CosignToolchain.Name, Is.EqualTo("debian13-cosign2.5.0"));
            Assert.That(processes.CommandLines, Is.EqualTo(new[]
            {
                "apt-get update --quiet --error-on=any",
                "apt-get download --quiet cosign=2.5.0-2+b5",
                $"dpkg-deb -x cosign_2.5.0-2+b5_amd64.deb {staging}/root",
                $"{staging}/root/usr/bin/cosign version",
            }));
            Assert.That(toolchain.IsComplete, Is.True);
            Assert.That(toolchain.Cosign, Is.EqualTo(Path.Combine(toolchain.Folder, "root/usr/bin/cosign")));
            Assert.That(Directory.GetDirectories(home.File("toolchains")), Is.EqualTo(new[] { toolchain.Folder }), "no staging or apt folder is left");
        }
    }

    [Test]
    public void A_failed_download_leaves_nothing_behind_and_a_complete_toolchain_is_not_fetched_again()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new CosignToolchain(home.File("toolchains"));
        var failing = new RecordingProcessRunner
        {
            Respond = (_, arguments) => arguments.StartsWith("download", StringComparison.Ordinal) ? (100, []) : (0, []),
        };
        Assert.That(() => new CosignProvisioner(new CommandRunner(new ProcessContext(failing)), toolchain).Ensure(_ => { }), Throws.Exception);
        Assert.That(Directory.GetDirectories(home.File("toolchains")), Is.Empty);

        new CosignProvisioner(new CommandRunner(new ProcessContext(new RecordingProcessRunner())), toolchain).Ensure(_ => { });
        var again = new RecordingProcessRunner();
        new CosignProvisioner(new CommandRunner(new ProcessContext(again)), toolchain).Ensure(_ => { });
        Assert.That(again.CommandLines, Is.Empty);
    }
}
