using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests.Bootstrap;

/// <summary>
/// The background compile's decisions, in-process: a recording launcher stands in for the publish, a scripted list of
/// running commands for build.sh's registrations, and each poll of the supervisor advances both.
/// </summary>
public sealed class NativeCompileSupervisorTests
{
    private TestRepository _clone = null!;
    private TestRepository _machine = null!;
    private HostCache _cache = null!;
    private string _sources = null!;

    [SetUp]
    public void CreateCloneAndCache()
    {
        _clone = new TestRepository().Write("build/Build.csproj", "<Project />").Write("build/Program.cs", "return 0;").Write("global.json", "{}");
        _machine = new TestRepository();
        _cache = new HostCache(_machine.PathOf("cache"));
        _sources = SourceFingerprint.Compute(_clone.Root);
    }

    [TearDown]
    public void Delete()
    {
        _clone.Dispose();
        _machine.Dispose();
    }

    private static readonly NativePublish Publish = new("gcc", 1, null);

    private (NativeCompileSupervisor Supervisor, FakeLauncher Launcher, ScriptedCommands Commands, StringWriter Log) Supervisor(
        int compilePolls = 3, bool fails = false, Func<int, bool>? commandRuns = null, NativePublish? publish = null, bool noLinker = false)
    {
        var launcher = new FakeLauncher(compilePolls, fails);
        var commands = new ScriptedCommands(commandRuns ?? (_ => false));
        var log = new StringWriter();
        var supervisor = new NativeCompileSupervisor(_cache, noLinker ? null : publish ?? Publish, launcher, commands, _ =>
        {
            commands.Poll++;
            launcher.Tick();
        }, log);
        return (supervisor, launcher, commands, log);
    }

    [Test]
    public void A_compile_installs_the_host_under_the_hash_of_its_sources_and_cleans_up()
    {
        var (supervisor, launcher, _, log) = Supervisor();

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(CompileOutcome.Compiled), log.ToString());
            Assert.That(File.Exists(Path.Combine(_cache.Host(_sources), "Build")), Is.True);
            Assert.That(launcher.Started.Single().Arguments[1], Is.EqualTo(Path.Combine(_cache.Work(_sources), "src", "build", "Build.csproj")),
                "the publish builds the copy of the sources, not the clone");
            Assert.That(Directory.Exists(_cache.Work(_sources)), Is.False, "the copy and the output are gone");
            Assert.That(File.Exists(_cache.CompilePid), Is.False);
        }
    }

    [Test]
    public void A_host_the_cache_has_already_is_not_compiled_again()
    {
        Supervisor().Supervisor.Run(_clone.Root, _sources, background: true);
        var (supervisor, launcher, _, _) = Supervisor();

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        Assert.That((outcome, launcher.Started.Count), Is.EqualTo((CompileOutcome.AlreadyThere, 0)));
    }

    [Test]
    public void A_damaged_host_in_the_cache_is_compiled_again()
    {
        Supervisor().Supervisor.Run(_clone.Root, _sources, background: true);
        File.WriteAllBytes(Path.Combine(_cache.Host(_sources), "Build"), []);
        var (supervisor, launcher, _, _) = Supervisor();

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((outcome, launcher.Started.Count), Is.EqualTo((CompileOutcome.Compiled, 1)));
            Assert.That(NativeCompileSupervisor.IsRunnable(Path.Combine(_cache.Host(_sources), "Build")), Is.True);
        }
    }

    [Test]
    public void A_second_background_compile_on_the_machine_starts_nothing()
    {
        Directory.CreateDirectory(_cache.Folder);
        using var running = new FileStream(_cache.CompileLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var (supervisor, launcher, _, _) = Supervisor();

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        Assert.That((outcome, launcher.Started.Count), Is.EqualTo((CompileOutcome.AnotherCompileRuns, 0)));
    }

    [Test]
    public void The_background_compile_begins_only_once_no_command_runs()
    {
        var (supervisor, launcher, _, _) = Supervisor(commandRuns: poll => poll < 5);

        supervisor.Run(_clone.Root, _sources, background: true);

        Assert.That(launcher.StartedAtPoll, Is.EqualTo(5));
    }

    [Test]
    public void A_command_during_the_background_compile_pauses_it_until_the_command_is_over()
    {
        var (supervisor, launcher, _, _) = Supervisor(compilePolls: 10, commandRuns: poll => poll is >= 3 and < 6);

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(CompileOutcome.Compiled));
            Assert.That(launcher.Events, Is.EqualTo(new[] { "pause at 3", "resume at 6" }));
        }
    }

    [Test]
    public void The_foreground_compile_asked_for_by_BUILD_HOST_native_never_pauses()
    {
        var (supervisor, launcher, _, _) = Supervisor(compilePolls: 10, commandRuns: _ => true);

        var outcome = supervisor.Run(_clone.Root, _sources, background: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((outcome, launcher.StartedAtPoll), Is.EqualTo((CompileOutcome.Compiled, 0)));
            // Every poll while a command runs resumes it: that command's build.sh stopped the group on its way in.
            Assert.That(launcher.Events, Is.Not.Empty.And.All.StartsWith("resume at "));
        }
    }

    [Test]
    public void A_background_compile_that_a_BUILD_HOST_native_run_waits_for_begins_and_runs_on_beside_commands()
    {
        // The waiting run is itself a command: were the compile to give way to it, both would wait for ever.
        Directory.CreateDirectory(_cache.Folder);
        File.WriteAllText(_cache.CompileAwaited, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (supervisor, launcher, _, _) = Supervisor(compilePolls: 10, commandRuns: _ => true);

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((outcome, launcher.StartedAtPoll), Is.EqualTo((CompileOutcome.Compiled, 0)));
            Assert.That(launcher.Events, Is.Not.Empty.And.All.StartsWith("resume at "));
        }
    }

    [Test]
    public void A_waiter_that_is_gone_no_longer_keeps_the_background_compile_from_giving_way()
    {
        Directory.CreateDirectory(_cache.Folder);
        File.WriteAllText(_cache.CompileAwaited, "2147483646");
        var (supervisor, launcher, _, _) = Supervisor(commandRuns: poll => poll < 5);

        supervisor.Run(_clone.Root, _sources, background: true);

        Assert.That(launcher.StartedAtPoll, Is.EqualTo(5));
    }

    [Test]
    public void A_foreground_compile_waiting_for_the_lock_says_so_until_it_has_it()
    {
        Directory.CreateDirectory(_cache.Folder);
        var held = new FileStream(_cache.CompileLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var said = new List<string>();
        var launcher = new FakeLauncher(3, fails: false);
        var supervisor = new NativeCompileSupervisor(_cache, Publish, launcher, new ScriptedCommands(_ => true), _ =>
        {
            launcher.Tick();
            if (File.Exists(_cache.CompileAwaited))
            {
                said.Add(File.ReadAllText(_cache.CompileAwaited));
                held.Dispose();
            }
        }, new StringWriter());

        var outcome = supervisor.Run(_clone.Root, _sources, background: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(CompileOutcome.Compiled));
            Assert.That(said, Has.Some.EqualTo(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(_cache.CompileAwaited, Does.Not.Exist, "removed once the lock is taken");
        }
    }

    [Test]
    public void A_compile_for_a_clone_that_is_gone_stops_and_installs_nothing()
    {
        var (supervisor, launcher, commands, _) = Supervisor(compilePolls: 10);
        launcher.OnTick = poll =>
        {
            if (poll == 4)
            {
                Directory.Delete(_clone.Root, recursive: true);
            }
        };

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);
        Directory.CreateDirectory(_clone.Root); // for TearDown

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(CompileOutcome.Abandoned));
            Assert.That(launcher.Events, Is.EqualTo(new[] { "stop at 4" }));
            Assert.That(Directory.Exists(_cache.Host(_sources)), Is.False);
            Assert.That(commands.Poll, Is.EqualTo(4), "stopped at the first poll that found the clone gone");
        }
    }

    [Test]
    public void A_supervisor_told_to_stop_stops_its_compile()
    {
        var (supervisor, launcher, _, _) = Supervisor(compilePolls: 10);
        using var stop = new CancellationTokenSource();
        launcher.OnTick = poll =>
        {
            if (poll == 2)
            {
                stop.Cancel();
            }
        };

        var outcome = supervisor.Run(_clone.Root, _sources, background: true, stop.Token);

        Assert.That((outcome, launcher.Events.Single()), Is.EqualTo((CompileOutcome.Abandoned, "stop at 2")));
    }

    [Test]
    public void Sources_that_changed_before_the_copy_are_not_compiled_under_the_old_hash()
    {
        var (supervisor, launcher, _, log) = Supervisor();
        _clone.Write("build/Program.cs", "return 1;");

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((outcome, launcher.Started.Count), Is.EqualTo((CompileOutcome.Abandoned, 0)));
            Assert.That(log.ToString(), Does.Contain("changed before the compile began"));
        }
    }

    [Test]
    public void A_failed_compile_is_remembered_for_its_sources_in_the_background_and_tried_again_in_the_foreground()
    {
        Supervisor(fails: true).Supervisor.Run(_clone.Root, _sources, background: true);
        var (background, backgroundLauncher, _, _) = Supervisor();
        var again = background.Run(_clone.Root, _sources, background: true);
        var (foreground, foregroundLauncher, _, _) = Supervisor();
        var asked = foreground.Run(_clone.Root, _sources, background: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((again, backgroundLauncher.Started.Count), Is.EqualTo((CompileOutcome.Failed, 0)));
            Assert.That((asked, foregroundLauncher.Started.Count), Is.EqualTo((CompileOutcome.Compiled, 1)));
            Assert.That(File.Exists(_cache.Failed(_sources)), Is.False, "a success forgets the failure");
        }
    }

    [Test]
    public void Without_a_C_linker_the_failure_says_so_and_nothing_starts()
    {
        var (supervisor, launcher, _, _) = Supervisor(noLinker: true);

        var outcome = supervisor.Run(_clone.Root, _sources, background: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((outcome, launcher.Started.Count), Is.EqualTo((CompileOutcome.Failed, 0)));
            Assert.That(File.ReadAllText(_cache.Failed(_sources)), Does.StartWith("no C linker (clang or gcc)"));
        }
    }

    [Test]
    public void Only_the_newest_hosts_are_kept_in_the_cache()
    {
        for (var i = 0; i < HostCache.Kept + 2; i++)
        {
            _clone.Write("build/Program.cs", $"return {i};");
            var sources = SourceFingerprint.Compute(_clone.Root);
            Supervisor().Supervisor.Run(_clone.Root, sources, background: true);
            Directory.SetLastWriteTimeUtc(_cache.Host(sources), DateTime.UtcNow.AddMinutes(i - 100));
        }

        Assert.That(Directory.GetDirectories(Path.Combine(_cache.Folder, "native")), Has.Length.EqualTo(HostCache.Kept));
    }

    /// <summary>Build.sh's registrations as a function of the poll number.</summary>
    private sealed class ScriptedCommands(Func<int, bool> running) : IRunningCommands
    {
        public int Poll { get; set; }

        public bool Any() => running(Poll);
    }

    /// <summary>A compile that ends after a number of polls of running (not paused), writing an ELF file Build unless it fails.</summary>
    private sealed class FakeLauncher(int polls, bool fails) : ICompileLauncher
    {
        private FakeJob? _job;
        private int _poll;

        public List<ProcessSpec> Started { get; } = [];

        public List<string> Events { get; } = [];

        public int StartedAtPoll { get; private set; } = -1;

        public Action<int>? OnTick { get; set; }

        public ICompileJob Start(ProcessSpec spec, string log)
        {
            Started.Add(spec);
            StartedAtPoll = _poll;
            Directory.CreateDirectory(Path.GetDirectoryName(log)!);
            File.WriteAllText(log, "compiling\n");
            _job = new FakeJob(this, spec.Arguments[spec.Arguments.ToList().IndexOf("--output") + 1], polls, fails);
            return _job;
        }

        public void Tick()
        {
            _poll++;
            OnTick?.Invoke(_poll);
            _job?.Tick();
        }

        private sealed class FakeJob(FakeLauncher launcher, string output, int polls, bool fails) : ICompileJob
        {
            private bool _paused;
            private int _ran;

            public bool HasExited { get; private set; }

            public int Group => 0;

            public int ExitCode => fails ? 1 : 0;

            public void Tick()
            {
                if (_paused || HasExited || ++_ran < polls)
                {
                    return;
                }

                HasExited = true;
                if (!fails)
                {
                    Directory.CreateDirectory(output);
                    File.WriteAllBytes(Path.Combine(output, "Build"), [0x7f, (byte)'E', (byte)'L', (byte)'F']);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(Path.Combine(output, "Build"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    }
                }
            }

            public void Pause()
            {
                _paused = true;
                launcher.Events.Add($"pause at {launcher._poll}");
            }

            public void Resume()
            {
                _paused = false;
                launcher.Events.Add($"resume at {launcher._poll}");
            }

            public void Stop()
            {
                HasExited = true;
                launcher.Events.Add($"stop at {launcher._poll}");
            }
        }
    }
}
