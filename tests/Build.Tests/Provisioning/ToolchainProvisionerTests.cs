using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;

namespace Build.Tests.Provisioning;

/// <summary>The Debian 13 toolchain's provisioning with the recording process runner: what it runs, what it leaves.</summary>
public sealed class ToolchainProvisionerTests
{
    [Test]
    public void It_downloads_the_pins_with_its_own_apt_configuration_extracts_each_and_links_the_programs()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new Debian13Toolchain(home.File("toolchains"));
        var processes = new RecordingProcessRunner();
        string? aptConfig = null;
        processes.Respond = (program, arguments) =>
        {
            if (arguments.StartsWith("update", StringComparison.Ordinal))
            {
                aptConfig = File.ReadAllText(processes.Started[^1].Settings.EnvironmentVariables["APT_CONFIG"]);
            }

            return (0, []);
        };

        new ToolchainProvisioner(new CommandRunner(new ProcessContext(processes)), toolchain).Ensure();

        var bin = toolchain.Bin;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.EqualTo(new[]
            {
                "apt-get update --quiet --error-on=any",
                "apt-get download --quiet docker.io=26.1.5+dfsg1-9+deb13u1+b1 docker-cli=26.1.5+dfsg1-9+deb13u1+b1 containerd=1.7.24~ds1-6+deb13u1"
                    + " docker-compose=2.26.1-4 docker-buildx=0.13.1+ds1-3 tini=0.19.0-3+b8",
                $"dpkg-deb -x docker.io_26.1.5+dfsg1-9+deb13u1+b1_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"dpkg-deb -x docker-cli_26.1.5+dfsg1-9+deb13u1+b1_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"dpkg-deb -x containerd_1.7.24~ds1-6+deb13u1_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"dpkg-deb -x docker-compose_2.26.1-4_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"dpkg-deb -x docker-buildx_0.13.1+ds1-3_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"dpkg-deb -x tini_0.19.0-3+b8_amd64.deb {toolchain.Folder}.partial-{Environment.ProcessId}/root",
                $"{toolchain.Folder}.partial-{Environment.ProcessId}/bin/dockerd --version",
            }));
            Assert.That(aptConfig, Does.Contain("Dir::Etc::main \"/dev/null\";").And.Contain("Dir::State::status \"/dev/null\";")
                .And.Not.Contain("/var/lib/apt"));
            Assert.That(toolchain.IsComplete, Is.True);
            Assert.That(new FileInfo(Path.Combine(bin, "dockerd")).LinkTarget, Is.EqualTo("../root/usr/sbin/dockerd"));
            Assert.That(new FileInfo(Path.Combine(bin, "runc")).LinkTarget, Is.EqualTo("/usr/sbin/runc"), "Debian 12's runc: Debian 13's needs glibc 2.38");
            Assert.That(new FileInfo(Path.Combine(toolchain.ClientConfig, "cli-plugins", "docker-buildx")).LinkTarget,
                Is.EqualTo("../../root/usr/libexec/docker/cli-plugins/docker-buildx"));
            Assert.That(Directory.GetDirectories(home.File("toolchains")), Is.EqualTo(new[] { toolchain.Folder }), "no staging or apt folder is left");
            Assert.That(Directory.Exists(Path.Combine(toolchain.Folder, "apt")), Is.False);
        }
    }

    [Test]
    public void A_complete_toolchain_is_not_fetched_again()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new Debian13Toolchain(home.File("toolchains"));
        Directory.CreateDirectory(toolchain.Folder);
        File.WriteAllText(toolchain.CompleteMarker, "");
        var processes = new RecordingProcessRunner();

        var took = new ToolchainProvisioner(new CommandRunner(new ProcessContext(processes)), toolchain).Ensure();

        Assert.That((processes.Started.Count, took), Is.EqualTo((0, TimeSpan.Zero)));
    }

    [Test]
    public void A_failed_download_leaves_nothing_behind()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new Debian13Toolchain(home.File("toolchains"));
        var processes = new RecordingProcessRunner
        {
            Respond = (_, arguments) =>
                arguments.StartsWith("download", StringComparison.Ordinal) ? (100, ["E: Unable to locate package docker-buildx"]) : (0, []),
        };

        var provisioner = new ToolchainProvisioner(new CommandRunner(new ProcessContext(processes)), toolchain);

        var error = Assert.Throws<CakeException>(() => provisioner.Ensure());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain("Unable to locate package docker-buildx"));
            Assert.That(processes.CommandLines.Any(line => line.StartsWith("dpkg-deb", StringComparison.Ordinal)), Is.False);
            Assert.That(Directory.Exists(home.File("toolchains")) ? Directory.GetFileSystemEntries(home.File("toolchains")) : [], Is.Empty);
        }
    }

    [Test]
    public void The_staging_folder_of_a_run_that_is_gone_is_removed_and_that_of_a_live_one_kept()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        var toolchain = new Debian13Toolchain(home.File("toolchains"));
        var abandoned = Directory.CreateDirectory($"{toolchain.Folder}.partial-999999999").FullName;
        var live = Directory.CreateDirectory($"{toolchain.Folder}.partial-1").FullName;

        new ToolchainProvisioner(new CommandRunner(new ProcessContext(new RecordingProcessRunner())), toolchain).Ensure();

        Assert.That((Directory.Exists(abandoned), Directory.Exists(live), toolchain.IsComplete), Is.EqualTo((false, true, true)));
    }
}
