using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;

namespace Build.Tests.Provisioning;

public sealed class PackagePlanTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Array.Empty<string>(), Array.Empty<string>()).SetName("Nothing_missing_installs_nothing");
        yield return new TestCaseData(new[] { "dockerd" }, new[] { "docker.io" }).SetName("A_missing_dockerd_is_docker_io");
        yield return new TestCaseData(new[] { "dockerd", "docker" }, new[] { "docker.io" }).SetName("Daemon_and_client_missing_install_docker_io_once");
        yield return new TestCaseData(new[] { "dockerd", "docker", "docker-compose" }, new[] { "docker-compose", "docker.io" })
            .SetName("A_fresh_machine_gets_the_engine_and_compose");
        yield return new TestCaseData(new[] { "mmdebstrap" }, new[] { "mmdebstrap" }).SetName("Local_base_images_need_mmdebstrap");
        yield return new TestCaseData(new[] { "gcc", "crt1.o" }, new[] { "gcc", "libc6-dev" }).SetName("The_native_host_needs_gcc_and_the_C_start_files");
        yield return new TestCaseData(
                new[] { "poetry", "docker-registry", "npm", "chromium" }, new[] { "chromium", "docker-registry", "npm", "python3-poetry" })
            .SetName("The_test_suites_tools_map_to_their_packages");
    }

    private static readonly Requirement[] All =
    [
        Requirement.Dockerd, Requirement.DockerClient, Requirement.DockerCompose, Requirement.Mmdebstrap, Requirement.Poetry,
        Requirement.DockerRegistry, Requirement.Npm, Requirement.Chromium, Requirement.CCompiler, Requirement.CStartFiles,
    ];

    [TestCaseSource(nameof(Cases))]
    public void Missing_tools_map_to_packages(string[] missing, string[] packages)
    {
        var plan = PackagePlan.For(All, requirement => !missing.Contains(requirement.Name));

        Assert.That(plan.Packages, Is.EqualTo(packages));
    }

    [Test]
    public void The_install_command_is_non_interactive_and_lists_each_package()
    {
        var command = PackageInstaller.InstallCommand(["docker-compose", "docker.io"]);

        Assert.That(command.Render(),
            Is.EqualTo("DEBIAN_FRONTEND=noninteractive apt-get install --yes --quiet --no-install-recommends docker-compose docker.io"));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(new InstallPolicy(NoInstall: true, IsRoot: true, HasApt: true),
                "--no-install (or BRIDGE_NO_INSTALL=1) forbids installing it: run `DEBIAN_FRONTEND=noninteractive apt-get install")
            .SetName("No_install_names_the_command_instead_of_running_it");
        yield return new TestCaseData(new InstallPolicy(NoInstall: false, IsRoot: false, HasApt: true),
                "Installing needs root: run `sudo DEBIAN_FRONTEND=noninteractive apt-get install")
            .SetName("Not_root_names_the_command_with_sudo");
        yield return new TestCaseData(new InstallPolicy(NoInstall: false, IsRoot: true, HasApt: false),
                "This machine has no apt-get: install not-a-real-tool-4711 with its package manager")
            .SetName("Without_apt_names_what_to_install");
    }

    [TestCaseSource(nameof(Refusals))]
    public void A_refused_install_fails_naming_what_is_missing_and_how_to_get_it(InstallPolicy policy, string expected)
    {
        var processes = new RecordingProcessRunner();
        var installer = new PackageInstaller(new CommandRunner(new ProcessContext(processes)), policy, _ => "/nonexistent");
        var missing = Requirement.Program("not-a-real-tool-4711", "not-a-real-package");

        var error = Assert.Throws<CakeException>(() => installer.Ensure([missing], "Testing"))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.StartWith("Testing needs not-a-real-tool-4711 (not-a-real-package), which is not installed."));
            Assert.That(error.Message, Does.Contain(expected));
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.ToolMissing));
            Assert.That(processes.Started, Is.Empty, "nothing is run when installing is refused");
        }
    }

    [Test]
    public void Installing_what_is_installed_already_is_a_no_op_for_apt_get()
    {
        if (!File.Exists("/usr/bin/apt-get") || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/dpkg-query"))
        {
            Assert.Ignore("Needs root on an apt-based machine.");
        }

        var installed = TestEnvironment.Run("/usr/bin/dpkg-query", ["-W", "-f=${Status}", "gcc"], null);
        if (installed.ExitCode != 0 || !installed.StdOut.Contains("install ok installed"))
        {
            Assert.Ignore("gcc is not installed here, so installing it would change the machine.");
        }

        var context = new ProcessContext();
        new CommandRunner(context).Run(PackageInstaller.InstallCommand(["gcc"]));

        Assert.That(context.CollectedLog.Lines, Has.Some.StartsWith("$ DEBIAN_FRONTEND=noninteractive apt-get install"));
    }
}
