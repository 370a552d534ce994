using System.Diagnostics;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// Docker Engine 26 of the Debian 13 toolchain. The engine test runs it as the design does, in the network namespace
/// of the build, but the build host runs under <c>unshare --net</c>: the machine's namespace already has the suite's
/// dockerd, and a namespace of its own stands in for "a host where no other engine runs" (its 127.0.0.1 included).
/// </summary>
public sealed class Debian13DaemonTests
{
    [Test]
    public void It_runs_dockerd_of_the_toolchain_with_private_containerd_and_runc_state_and_its_own_configuration()
    {
        var toolchain = new Debian13Toolchain("/tc");
        var location = new ProjectEngineLocation("/run/e", "/var/e");

        var line = Debian13Daemon.CommandLine(toolchain, location);

        Assert.That(line, Is.EqualTo("unshare --mount --propagation private sh -c 'mkdir -p /run/e/containerd /run/e/runc /run/containerd /run/runc"
            + " && mount --bind /run/e/containerd /run/containerd && mount --bind /run/e/runc /run/runc"
            + $" && PATH={toolchain.Bin}:\"$PATH\" exec {toolchain.Dockerd} --config-file /run/e/daemon.json --host unix:///run/e/docker.sock"
            + " --data-root /var/e --exec-root /run/e/exec --pidfile /run/e/dockerd.pid'"));
    }

    [Test]
    public void Its_configuration_turns_on_the_containerd_image_store()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Debian13Daemon.DaemonConfiguration);

        Assert.That(document.RootElement.GetProperty("features").GetProperty("containerd-snapshotter").GetBoolean(), Is.True);
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    [Category("Engine26")]
    public void The_build_provisions_and_starts_Docker_26_builds_with_buildx_runs_a_compose_v2_stack_on_127_0_0_1_and_stops_it()
    {
        DockerEngineRequirement.Require();
        const string baseImage = "omninode/python:3.11-bookworm";
        if (!Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/unshare") || !File.Exists(Debian13Toolchain.HostRunc)
            || File.Exists(EngineEndpoint.DefaultSocket.SocketPath) || DockerEngineRequirement.Docker("image", "inspect", baseImage).ExitCode != 0)
        {
            Fail($"Needs root, unshare, runc, no engine on the default socket (it would be found first) and {baseImage} on the suite's engine.");
        }

        using var home = TestEnvironment.CreateTempDirectory();
        var location = new ProjectEngineLocation(home.File("run"), home.File("data"));
        var toolchain = Debian13Toolchain.From(Environment.GetEnvironmentVariable);
        var engine = new ProjectEngineHost(location, ProjectEngineKind.Debian13);
        var client = new Dictionary<string, string?> { ["DOCKER_HOST"] = location.Endpoint.Url, ["DOCKER_CONFIG"] = toolchain.ClientConfig };
        try
        {
            // Provisioned here, outside the build's namespace: the stand-in namespace has no route to the mirror.
            var provisioning = new ToolchainProvisioner(new CommandRunner(new ProcessContext()), toolchain).Ensure();
            var clock = Stopwatch.StartNew();
            var again = new ToolchainProvisioner(new CommandRunner(new ProcessContext()), toolchain).Ensure();
            TestContext.Out.WriteLine($"provision: {provisioning.TotalSeconds:0.0} s (0: an earlier run did), again: {clock.Elapsed.TotalSeconds:0.000} s");

            clock.Restart();
            var started = engine.Run(ownNetwork: true, "--target=Engine", $"--report={home.File("engine.json")}");
            TestContext.Out.WriteLine($"start (host run of --target=Engine): {clock.Elapsed.TotalSeconds:0.0} s");
            var pid = int.Parse(File.ReadAllText(location.PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var store = Docker(client, "info", "--format", "{{json .DriverStatus}}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(started.ExitCode, Is.Zero, started.All);
                Assert.That(started.All, Does.Contain($"Docker engine: project engine {location.Endpoint.Url} (engine 26.1.5"));
                Assert.That(started.Output, Does.Contain($"DOCKER_HOST={location.Endpoint.Url}"));
                Assert.That(again, Is.EqualTo(TimeSpan.Zero), "a complete toolchain is not fetched again");
                Assert.That(store.Output, Does.Contain("io.containerd.snapshotter.v1"), "the containerd image store");
                Assert.That(ReportedImageStore(home.File("engine.json")), Is.EqualTo("containerd"));
                Assert.That(DockerdProcesses.CommandLine(pid)?[0], Is.EqualTo(toolchain.Dockerd));
            }

            // The base image comes from the suite's engine: the stand-in namespace cannot reach a mirror to make one.
            var suiteEngine = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? $"DOCKER_HOST={host}" : "-u DOCKER_HOST";
            var pipe = $"env {suiteEngine} {DockerEngineRequirement.BuildKitClient} save {baseImage} | {toolchain.Docker} load";
            var save = TestEnvironment.Run("sh", ["-c", pipe], null, client);
            Assert.That(save.ExitCode, Is.Zero, save.StdErr);
            var context = Directory.CreateDirectory(home.File("context")).FullName;
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"""
                FROM {baseImage} AS base
                RUN echo served > /srv/index.html
                FROM base
                WORKDIR /srv
                HEALTHCHECK --interval=1s CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/')"]
                CMD ["python3", "-m", "http.server", "8000"]
                """);
            var port = 18000 + Environment.ProcessId % 1000;
            File.WriteAllText(Path.Combine(context, "compose.yaml"), $"""
                services:
                  web:
                    image: engine26/web:test
                    ports: ["127.0.0.1:{port}:8000"]
                """);

            // Provenance attestations need the containerd store (the classic store refuses them with the docker driver).
            var built = Docker(client, "buildx", "build", "--load", "--provenance=true", "--tag", "engine26/web:test", context);
            clock.Restart();
            var up = Docker(client, "compose", "--project-directory", context, "--project-name", "engine26", "up", "--detach", "--wait");
            TestContext.Out.WriteLine($"compose up --wait: {clock.Elapsed.TotalSeconds:0.0} s");
            string[] curl = [$"--net=/proc/{pid}/ns/net", "curl", "--silent", "--show-error", $"http://127.0.0.1:{port}/index.html"];
            var fetched = TestEnvironment.Run("nsenter", curl, null, null);
            var down = Docker(client, "compose", "--project-directory", context, "--project-name", "engine26", "down");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(built.ExitCode, Is.Zero, built.Output);
                Assert.That(up.ExitCode, Is.Zero, up.Output);
                Assert.That(fetched.StdOut.Trim(), Is.EqualTo("served"), fetched.StdErr);
                Assert.That(down.ExitCode, Is.Zero, down.Output);
            }

            var stopped = engine.Run(ownNetwork: false, "--target=EngineDown", "--no-report");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(stopped.All, Does.Contain($"The project engine ({location.Socket}) has stopped"));
                Assert.That(DockerdProcesses.CommandLine(pid), Is.Null);
                Assert.That(ProcessesUsing(location.RunDirectory), Is.Empty, "containerd and the shims are gone with dockerd");
            }
        }
        finally
        {
            engine.Run(ownNetwork: false, "--target=EngineDown", "--no-report");
        }
    }

    private static string? ReportedImageStore(string report)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        return document.RootElement.GetProperty("engine").GetProperty("imageStore").GetString();
    }

    private static void Fail(string reason)
    {
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    private static (int ExitCode, string Output) Docker(IReadOnlyDictionary<string, string?> client, params string[] arguments) =>
        DockerEngineRequirement.RunIn(null, client, Debian13Toolchain.From(Environment.GetEnvironmentVariable).Docker, arguments);

    /// <summary>Live processes whose command line names <paramref name="folder"/>.</summary>
    private static IReadOnlyList<string> ProcessesUsing(string folder) =>
        Directory.EnumerateDirectories("/proc")
            .Where(directory => int.TryParse(Path.GetFileName(directory), out _))
            .Select(directory =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
            })
            .Where(line => line.Contains(folder, StringComparison.Ordinal))
            .ToArray();
}
