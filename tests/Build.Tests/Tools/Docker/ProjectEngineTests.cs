using System.Text.Json;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// The project engine for real: a dockerd the build starts itself in a test-owned location (its own network
/// namespace, so it never meets the suite's engine over docker0), found again by the next run, building Production
/// on an empty data root (so the local base images are made first), then stopped by EngineDown.
/// </summary>
[Category("Docker")]
[Category("Host")]
public sealed class ProjectEngineTests
{
    [Test]
    public void The_build_starts_its_own_engine_builds_on_it_and_EngineDown_stops_it()
    {
        DockerEngineRequirement.Require();
        if (!Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/unshare") || File.Exists(EngineEndpoint.DefaultSocket.SocketPath))
        {
            Assert.Ignore("Needs root, unshare, and no engine on the default socket (it would be found first).");
        }

        using var home = TestEnvironment.CreateTempDirectory();
        var location = new ProjectEngineLocation(home.File("run"), home.File("data"));
        var environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = null,
            ["DOCKER_CONTEXT"] = null,
            ["NO_COLOR"] = "1",
            [ProjectEngineLocation.RunDirectoryVariable] = location.RunDirectory,
            [ProjectEngineLocation.DataRootVariable] = location.DataRoot,
            ["BRIDGE_PROJECT_ENGINE"] = "debian12",
        };
        try
        {
            var started = Host(environment, unshare: true, "--target=Engine", $"--report={home.File("engine.json")}");
            var pid = int.Parse(File.ReadAllText(location.PidFile).Trim());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(started.ExitCode, Is.Zero, started.All);
                Assert.That(started.All, Does.Contain($"Starting the project engine (data in {location.DataRoot}, log {location.LogFile})."));
                Assert.That(started.All, Does.Contain($"Docker engine: project engine {location.Endpoint.Url} (engine 20."));
                Assert.That(started.All, Does.Contain($"DOCKER_HOST={location.Endpoint.Url}"));
                Assert.That(ReportedEngine(home.File("engine.json")), Is.EqualTo((location.Endpoint.Url, "project engine")));
                Assert.That(DockerdProcesses.CommandLine(pid), Is.Not.Null, "dockerd runs on after the build exits");
            }

            // The next run finds it answering and starts nothing, and builds on it: the empty data root lacks the base
            // images. (Not the service images: their dependencies come from the package index on the host's loopback,
            // which an engine in a network namespace of its own cannot reach.)
            var built = Host(environment, unshare: false, "--target=BaseImages", $"--report={home.File("base-images.json")}");
            var images = DockerEngineRequirement.RunIn(null, new Dictionary<string, string?> { ["DOCKER_HOST"] = location.Endpoint.Url },
                DockerEngineRequirement.BuildKitClient, "image", "ls", "--format", "{{.Repository}}:{{.Tag}}").Output;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(built.ExitCode, Is.Zero, built.All);
                Assert.That(built.All, Does.Not.Contain("Starting the project engine"));
                Assert.That(images, Does.Contain("omninode/python:3.11-bookworm").And.Contain("omninode/poetry:1.3.2-bookworm"));
                Assert.That(ReportedEngine(home.File("base-images.json")), Is.EqualTo((location.Endpoint.Url, "project engine")));
            }

            var down = Host(environment, unshare: false, "--target=EngineDown");
            var again = Host(environment, unshare: false, "--target=EngineDown");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(down.All, Does.Contain($"$ kill -TERM {pid}"));
                Assert.That(down.All, Does.Contain($"The project engine ({location.Socket}) has stopped"));
                Assert.That(DockerdProcesses.CommandLine(pid), Is.Null, "EngineDown waits until dockerd is gone");
                Assert.That(again.ExitCode, Is.Zero);
                Assert.That(again.All, Does.Contain($"The project engine ({location.Socket}) is not running: nothing to stop."));
            }
        }
        finally
        {
            Host(environment, unshare: false, "--target=EngineDown");
        }
    }

    [Test]
    public void EngineDown_leaves_a_process_alone_that_it_did_not_start()
    {
        using var home = TestEnvironment.CreateTempDirectory();
        using var stranger = System.Diagnostics.Process.Start("sleep", "60")!;
        Directory.CreateDirectory(home.File("run"));
        File.WriteAllText(Path.Combine(home.File("run"), "dockerd.pid"), stranger.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var environment = new Dictionary<string, string?>
        {
            [ProjectEngineLocation.RunDirectoryVariable] = home.File("run"),
            [ProjectEngineLocation.DataRootVariable] = home.File("data"),
        };

        var result = Host(environment, unshare: false, "--target=EngineDown");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.All, Does.Contain("is not running: nothing to stop."));
            Assert.That(stranger.HasExited, Is.False, "a pidfile naming a process that is not our dockerd is not obeyed");
        }

        stranger.Kill();
    }

    private static (string Endpoint, string Source) ReportedEngine(string report)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var engine = document.RootElement.GetProperty("engine");
        return (engine.GetProperty("endpoint").GetString()!, engine.GetProperty("source").GetString()!);
    }

    /// <summary>The build host as users run it, optionally in a network namespace of its own (unshare --net).</summary>
    private static HostResult Host(IReadOnlyDictionary<string, string?> environment, bool unshare, params string[] arguments)
    {
        List<string> command = HostRun.NativeHost is { } native ? [native] : ["dotnet", HostRun.HostAssembly];
        if (unshare)
        {
            command.InsertRange(0, ["/usr/bin/unshare", "--net", "--"]);
        }

        var (exitCode, output, error) = TestEnvironment.Run(command[0], [.. command.Skip(1), .. arguments], HostRun.RepositoryRoot, environment);
        return new HostResult(exitCode, output, error);
    }
}
