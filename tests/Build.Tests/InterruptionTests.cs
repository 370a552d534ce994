using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests;

/// <summary>
/// SIGINT and SIGTERM with a real child running: the host is started in its own process group (setsid) and the
/// signal goes to the whole group, as a terminal sends Ctrl-C, or to the host alone, as `kill PID` and CI runners do.
/// The docker client is a shell script (Support/interruptible-docker.sh) whose `build` runs until a signal stops it.
/// </summary>
[NonParallelizable]
[Category("Host")]
public sealed class InterruptionTests
{
    private static string FakeDocker([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Support", "interruptible-docker.sh");

    [TestCase("INT", true, 130, TestName = "Ctrl_C_to_the_process_group_stops_the_build_and_reports_interrupted")]
    [TestCase("TERM", true, 143, TestName = "SIGTERM_to_the_process_group_stops_the_build_and_reports_interrupted")]
    [TestCase("TERM", false, 143, TestName = "SIGTERM_to_the_host_alone_is_passed_on_to_the_build")]
    [TestCase("INT", false, 130, TestName = "SIGINT_to_the_host_alone_is_passed_on_to_the_build")]
    public void A_signal_stops_the_children_writes_the_report_and_exits_with_the_signal_code(string signal, bool toGroup, int exitCode)
    {
        using var repository = new ScratchRepository();
        using var host = InterruptibleHost.Start(repository, FakeDocker());
        var previous = repository.PathOf("artifacts/build-report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(previous)!);
        File.WriteAllText(previous, "{\"status\": \"succeeded\"}");

        host.WaitForBuilds(2);
        host.Signal(signal, toGroup);
        var result = host.WaitForExit(TimeSpan.FromSeconds(30));

        using var report = JsonDocument.Parse(File.ReadAllText(previous));
        var tasks = report.RootElement.GetProperty("tasks").EnumerateArray()
            .ToDictionary(task => task.GetProperty("name").GetString()!, task => task.GetProperty("status").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.All);
            Assert.That(result.All, Does.Contain($"Interrupted by SIG{signal} during BuildOrchestrator while `interruptible-docker.sh build` ran"));
            Assert.That(result.All, Does.Contain("keeps the tags it had"));
            Assert.That(result.All, Does.Not.Contain("   at "));
            Assert.That(report.RootElement.GetProperty("status").GetString(), Is.EqualTo("interrupted"));
            Assert.That(tasks["EnsureLock"], Is.EqualTo("succeeded"));
            Assert.That(tasks["BuildOrchestrator"], Is.EqualTo("interrupted"));
            // From the terminal each child hears the signal itself; sent to the host alone, the host passes SIGTERM on.
            Assert.That(host.Log, Has.Exactly(2).EqualTo($"got {(toGroup ? signal : "TERM")}"), "both parallel builds were stopped");
            Assert.That(host.Log, Has.None.EqualTo("finished"));
            Assert.That(host.ChildrenAlive(), Is.Empty, "no child outlives the host");
        }
    }

    [Test]
    public void A_second_Ctrl_C_ends_the_host_at_once_even_when_a_child_ignores_signals()
    {
        using var repository = new ScratchRepository();
        using var host = InterruptibleHost.Start(repository, FakeDocker(), stubborn: true);
        host.WaitForBuilds(2);
        host.Signal("INT", toGroup: true);
        Thread.Sleep(500);
        Assert.That(host.HasExited, Is.False, "the first Ctrl-C waits for the children");
        var clock = Stopwatch.StartNew();
        host.Signal("INT", toGroup: false);
        var result = host.WaitForExit(TimeSpan.FromSeconds(5));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), result.All);
    }

    [Test]
    public void A_child_that_ignores_the_signal_is_killed_after_the_grace_and_the_run_still_reports()
    {
        using var repository = new ScratchRepository();
        using var host = InterruptibleHost.Start(repository, FakeDocker(), stubborn: true);
        host.WaitForBuilds(2);
        host.Signal("TERM", toGroup: false);
        var result = host.WaitForExit(TimeSpan.FromSeconds(40));
        using var report = JsonDocument.Parse(File.ReadAllText(repository.PathOf("artifacts/build-report.json")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(143), result.All);
            Assert.That(report.RootElement.GetProperty("status").GetString(), Is.EqualTo("interrupted"));
            Assert.That(host.Log, Has.Some.EqualTo("ignored TERM"));
        }
    }

    /// <summary>The host in its own process group, its docker client the interruptible script.</summary>
    private sealed class InterruptibleHost : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;
        private readonly string _log;
        private readonly CannedEngine _engine;

        private InterruptibleHost(Process process, string log, CannedEngine engine)
        {
            _process = process;
            _log = log;
            _engine = engine;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public static InterruptibleHost Start(ScratchRepository repository, string docker, bool stubborn = false)
        {
            var log = repository.PathOf("docker-calls.log");
            File.WriteAllText(log, "");
            var engine = CannedEngine.WithLocalBaseImages(repository.PathOf("engine.sock"));
            // setsid: the host leads a new process group (its pid is the group id), as a job in a terminal does.
            var start = new ProcessStartInfo("setsid")
            {
                WorkingDirectory = repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (HostRun.NativeHost is { } native ? [native] : new[] { "dotnet", HostRun.HostAssembly })
                .Concat(["--target=Production", $"--docker={docker}", "--force"]))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["NO_COLOR"] = "1";
            start.Environment["FAKE_DOCKER_LOG"] = log;
            start.Environment["FAKE_DOCKER_STUBBORN"] = stubborn ? "1" : "0";
            // The engine is a stand-in too (it has the base images); the builds go to the client, the script.
            start.Environment["DOCKER_HOST"] = "unix://" + engine.Path;
            start.Environment.Remove("BUILD_TARGET");
            start.Environment.Remove("GITHUB_ACTIONS");
            start.Environment.Remove("CI");
            return new InterruptibleHost(Process.Start(start)!, log, engine);
        }

        public IReadOnlyList<string> Log => File.ReadAllLines(_log);

        public bool HasExited => _process.HasExited;

        /// <summary>Waits until <paramref name="count"/> builds are running (the parallel pair).</summary>
        public void WaitForBuilds(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Log.Count(line => line.StartsWith("started ", StringComparison.Ordinal)) < count)
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"the builds did not start: {string.Join('\n', Log)}\n{Result().All}");
                }

                Thread.Sleep(50);
            }
        }

        public void Signal(string signal, bool toGroup)
        {
            using var kill = Process.Start("kill", ["-" + signal, "--", (toGroup ? "-" : "") + _process.Id])!;
            kill.WaitForExit();
        }

        public HostResult WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                Assert.Fail($"the host did not end within {timeout.TotalSeconds:0} s of the signal");
            }

            return Result();
        }

        /// <summary>The pids of the script and its sleeper that still run.</summary>
        public IReadOnlyList<int> ChildrenAlive() =>
            Log.Where(line => line.StartsWith("started ", StringComparison.Ordinal))
                .SelectMany(line => line.Split(' ').Skip(1).Select(int.Parse))
                .Where(pid => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
                .ToArray();

        public void Dispose()
        {
            foreach (var pid in ChildrenAlive())
            {
                using var kill = Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
            }

            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            _engine.Dispose();
        }

        private HostResult Result()
        {
            _process.WaitForExit(5000);
            // The pipes drain a moment after the exit.
            Task.WaitAll([_output, _error], TimeSpan.FromSeconds(5));
            return new HostResult(
                _process.HasExited ? _process.ExitCode : -1, _output.IsCompleted ? _output.Result : "", _error.IsCompleted ? _error.Result : "");
        }
    }
}

/// <summary>The closing line's promise about what an interrupted task left, per kind of task.</summary>
public sealed class InterruptionStateTests
{
    private static IEnumerable<string> ImageTasks() => Build.TaskFacts.TaskCatalog.OfThisBuild.ImageTasks;

    [TestCaseSource(nameof(ImageTasks))]
    public void Every_image_task_promises_that_the_images_keep_their_tags(string task) =>
        Assert.That(Interruption.StateLeft(task), Does.StartWith("Every image keeps the tags it had"));

    [TestCase("Push", "Some tags may already be in the registry")]
    [TestCase("push", "Some tags may already be in the registry")]
    [TestCase("Scale", "The stack is left as it is")]
    [TestCase("Production", "Nothing was changed.")]
    [TestCase("NoSuchTask", "Nothing was changed.")]
    [TestCase("EnsureLock", "poetry.lock is the one from before")]
    [TestCase(null, "Nothing was changed.")]
    public void Other_tasks_keep_their_own_promise(string? task, string promise) =>
        Assert.That(Interruption.StateLeft(task), Does.StartWith(promise));
}
