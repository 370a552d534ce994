using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests;

/// <summary>
/// build.sh itself: which host it builds, what it does when the native compile cannot happen, bad input. The
/// native compile (2-3 minutes) is exercised by every CI run instead: .ci/run builds it and fails without it, and the
/// Test task then runs these suites' host tests against it (BRIDGE_TEST_HOST). The decisions of the background
/// compile are tested in-process (Bootstrap/NativeCompileSupervisorTests.cs); these run the script end to end, each
/// copy with a machine cache of its own (BUILD_HOST_CACHE).
/// </summary>
[Category("Host")]
public sealed class BootstrapTests
{
    [Test]
    public void An_unknown_host_kind_is_refused_with_the_valid_ones_and_nothing_is_built()
    {
        using var copy = BootstrapCopy.Create();

        var (exitCode, output, error) = copy.Run([new("BUILD_HOST", "aot")], "--version");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("BUILD_HOST=aot is not a kind of build host")
                .And.Contain("BUILD_HOST=auto").And.Contain("BUILD_HOST=native").And.Contain("BUILD_HOST=readytorun").And.Contain("BUILD_HOST=jit"));
            Assert.That(output, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(copy.Root, ".build")) || Directory.Exists(copy.Cache), Is.False, "nothing compiled, nothing written");
        }
    }

    [Test]
    public void Without_a_C_linker_the_native_host_falls_back_to_readytorun_and_says_so()
    {
        using var copy = BootstrapCopy.Create();
        var path = copy.PathWithout("gcc", "clang", "cc");
        KeyValuePair<string, string?>[] environment = [new("PATH", path), new("NO_COLOR", "1"), new("BUILD_HOST", "native")];

        var first = copy.Run(environment, "--target=EnsureLock", "--locked", "--dryrun");
        var second = copy.Run(environment, "--version");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(first.StdErr, Does.Contain("no C linker (clang or gcc) for the native build host"));
            Assert.That(first.StdErr, Does.Contain("build.sh: building the readytorun host instead"));
            Assert.That(first.StdOut, Does.Contain("This was a dry run."), "the build itself ran, on the readytorun host");
            Assert.That(File.Exists(Path.Combine(copy.Host, "Build.dll")), Is.True);
            Assert.That(File.Exists(Path.Combine(copy.Host, "Build")), Is.False, "no native executable");
            Assert.That(copy.Kind, Is.EqualTo("readytorun"));
            Assert.That(copy.NativeFailed, Is.Not.Empty, "the failure is remembered until build/ changes");
            Assert.That(Directory.GetDirectories(Path.Combine(copy.Root, ".build", "hosts"), "*.next"), Is.Empty, "the staging folder was renamed");
            Assert.That(second.ExitCode, Is.Zero, second.StdErr);
            Assert.That(second.StdErr, Does.Not.Contain("build.sh:"), "a second run compiles nothing");
        }
    }

    [Test]
    public void Without_a_C_linker_the_first_run_keeps_the_quick_host_and_says_so_once()
    {
        using var copy = BootstrapCopy.Create();
        KeyValuePair<string, string?>[] environment = [new("PATH", copy.PathWithout("gcc", "clang", "cc")), new("BUILD_HOST", null)];

        var first = copy.Run(environment, "--version");
        var second = copy.Run(environment, "--version");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdErr);
            Assert.That(first.StdErr, Does.Contain("no C linker (clang or gcc) for the native build host: staying with the JIT host"));
            Assert.That(copy.Kind, Is.EqualTo("jit"));
            Assert.That(File.Exists(Path.Combine(copy.Cache, "compile.lock")), Is.False, "no background compile");
            Assert.That(second.ExitCode, Is.Zero, second.StdErr);
            Assert.That(second.StdErr, Does.Not.Contain("build.sh:"), "said once");
        }
    }

    /// <summary>
    /// What build.sh needs to build the host (build/ without bin/obj, the shared props, global.json) and what the
    /// host reads, in a temporary folder: the tests compile and swap hosts there, never in the repository.
    /// </summary>
    internal sealed class BootstrapCopy : IDisposable
    {
        private BootstrapCopy(string root) => Root = root;

        public string Root { get; }

        public string Script => Path.Combine(Root, "build.sh");

        public string Host => Path.Combine(Root, ".build", "host");

        /// <summary>The machine-wide cache of native hosts, one per copy here (BUILD_HOST_CACHE); shared to play a second clone.</summary>
        public string Cache { get; private init; } = string.Empty;

        /// <summary>The kind of host .build/host names (its folder is KIND-SOURCES), or empty when there is none.</summary>
        public string Kind => new DirectoryInfo(Host).LinkTarget is { } target ? Path.GetFileName(target).Split('-')[0] : string.Empty;

        /// <summary>The machine cache's failure files (one per source hash whose native compile failed).</summary>
        public string[] NativeFailed => Directory.Exists(Path.Combine(Cache, "native")) ? Directory.GetFiles(Path.Combine(Cache, "native"), "*.failed") : [];

        public string NativeLock => Path.Combine(Cache, "compile.lock");

        public string NativeLog => Path.Combine(Root, ".build", "host-native.log");

        /// <summary>build.sh ARGS in the copy, with its machine cache and <paramref name="environment"/>.</summary>
        public (int ExitCode, string StdOut, string StdErr) Run(IEnumerable<KeyValuePair<string, string?>> environment, params string[] args) =>
            TestEnvironment.Run("bash", [Script, .. args], Root, [new("BUILD_HOST_CACHE", Cache), .. environment]);

        /// <summary>True while a process holds the flock on <paramref name="path"/> (a background compile runs).</summary>
        public static bool IsLocked(string path) =>
            File.Exists(path) && TestEnvironment.Run("flock", ["-n", path, "true"], null).ExitCode != 0;

        /// <summary>Waits until no background compile holds the native lock (bounded).</summary>
        public void WaitForBackgroundCompile(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (IsLocked(NativeLock))
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"the background compile did not end within {timeout.TotalSeconds} s");
                }

                Thread.Sleep(200);
            }
        }

        /// <param name="cache">The machine cache of another copy (a second clone of the same machine); else one of its own.</param>
        public static BootstrapCopy Create(string? cache = null)
        {
            var root = Directory.CreateTempSubdirectory("bootstrap-").FullName;
            var source = HostRun.RepositoryRoot;
            string[] parts =
            [
                "build.sh", "build.ps1", "global.json", "Directory.Build.props", "Directory.Packages.props", "cake.config", "pyproject.toml", "poetry.lock",
            ];
            foreach (var path in parts.Append("build"))
            {
                ScratchRepository.Copy(Path.Combine(source, path), Path.Combine(root, path));
            }

            return new BootstrapCopy(root) { Cache = cache ?? Path.Combine(root, ".machine-cache") };
        }

        /// <summary>A PATH of links to every program on the real PATH except <paramref name="hidden"/>.</summary>
        public string PathWithout(params string[] hidden)
        {
            var bin = Path.Combine(Root, ".test-bin");
            Directory.CreateDirectory(bin);
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (var program in Directory.EnumerateFiles(directory))
                {
                    var name = Path.GetFileName(program);
                    var link = Path.Combine(bin, name);
                    if (hidden.Any(h => name == h || name.StartsWith(h + "-", StringComparison.Ordinal)) || File.Exists(link))
                    {
                        continue;
                    }

                    File.CreateSymbolicLink(link, program);
                }
            }

            return bin;
        }

        public void Dispose()
        {
            WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>
/// build.sh trusts the host, not only its stamp: a host that cannot start is rebuilt, with the stamp intact. One
/// readytorun host is compiled for the fixture; each case damages it, and the rebuild is incremental.
/// </summary>
[NonParallelizable]
[Category("Host")]
public sealed class BootstrapRepairTests
{
    private BootstrapTests.BootstrapCopy _copy = null!;

    [OneTimeSetUp]
    public void CompileOneHost()
    {
        _copy = BootstrapTests.BootstrapCopy.Create();
        var built = _copy.Run([new("BUILD_HOST", "readytorun")], "--version");
        Assert.That(built.ExitCode, Is.Zero, built.StdOut + built.StdErr);
    }

    [OneTimeTearDown]
    public void Delete() => _copy.Dispose();

    public static IEnumerable<TestCaseData> Damages()
    {
        yield return new TestCaseData("Build.dll", (Action<string>)(path => File.WriteAllBytes(path, []))).SetArgDisplayNames("Build.dll truncated to 0 bytes");
        yield return new TestCaseData("Build.dll", (Action<string>)File.Delete).SetArgDisplayNames("Build.dll deleted");
        yield return new TestCaseData("Build.dll", (Action<string>)(path => File.WriteAllText(path, "not an assembly")))
            .SetArgDisplayNames("Build.dll not an assembly");
        yield return new TestCaseData("Build.runtimeconfig.json", (Action<string>)File.Delete).SetArgDisplayNames("runtimeconfig deleted");
    }

    [TestCaseSource(nameof(Damages))]
    public void A_host_that_cannot_start_is_rebuilt_although_its_stamp_is_intact(string file, Action<string> damage)
    {
        var hostBefore = new DirectoryInfo(_copy.Host).LinkTarget;
        damage(Path.Combine(_copy.Host, file));

        var run = _copy.Run([new("BUILD_HOST", "readytorun")], "--version");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
            Assert.That(run.StdErr, Does.Contain("build.sh: compiling the readytorun build host (the host in .build/host cannot start"));
            Assert.That(new FileInfo(Path.Combine(_copy.Host, "Build.dll")).Length, Is.GreaterThan(0));
            Assert.That(new DirectoryInfo(_copy.Host).LinkTarget, Is.EqualTo(hostBefore), "the same sources, the same host folder");
        }
    }
}

/// <summary>
/// BUILD_HOST=auto: the first run compiles the quick JIT host, runs the command, and leaves the native compile to a
/// detached background process (here the stand-in tests/Build.Tests/fake-native-publish.sh, a few seconds instead
/// of minutes), which swaps its host in when done, or is discarded when build/ changed meanwhile, or fails and is
/// remembered. The fixture shares one copy; each case starts with the state it needs.
/// </summary>
[NonParallelizable]
[Category("Host")]
public sealed class BackgroundNativeCompileTests
{
    private BootstrapTests.BootstrapCopy _copy = null!;

    private static string FakePublish => Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "fake-native-publish.sh");

    private (int ExitCode, string StdOut, string StdErr) Run(string seconds, bool fail = false) => Run(_copy, seconds, fail);

    private static (int ExitCode, string StdOut, string StdErr) Run(BootstrapTests.BootstrapCopy copy, string seconds, bool fail = false) =>
        copy.Run([new("BUILD_HOST", null), new("BUILD_HOST_NATIVE_PUBLISH", FakePublish), new("FAKE_NATIVE_ROOT", copy.Root),
            new("FAKE_NATIVE_SECONDS", seconds), new("FAKE_NATIVE_FAIL", fail ? "1" : null)], "--version");

    [OneTimeSetUp]
    public void CreateCopy() => _copy = BootstrapTests.BootstrapCopy.Create();

    [OneTimeTearDown]
    public void Delete() => _copy.Dispose();

    [Test]
    public void The_first_run_does_not_wait_for_the_native_compile_and_a_later_run_gets_the_native_host()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        TouchASource(); // the first run after a change of build/
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = Run("20");
        var firstTook = watch.Elapsed;
        var compiling = BootstrapTests.BootstrapCopy.IsLocked(_copy.NativeLock);
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var later = Run("20");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(first.StdErr, Does.Contain("build.sh: compiling the jit build host"));
            Assert.That(compiling, Is.True,
                $"the native compile still ran when the first run had ended ({firstTook.TotalSeconds:0.0} s), its output pipe closed");
            Assert.That(File.ReadAllText(_copy.NativeLog), Does.Contain("native build host ready"));
            Assert.That(File.Exists(Path.Combine(_copy.Host, "Build")) && !File.Exists(Path.Combine(_copy.Host, "Build.dll")), Is.True,
                "the native host was swapped in");
            Assert.That(later.ExitCode, Is.Zero, later.StdErr);
            Assert.That(later.StdErr, Does.Not.Contain("build.sh:"), "nothing compiled, nothing started");
            Assert.That(_copy.Kind, Is.EqualTo("native"));
            Assert.That(File.Exists(Path.Combine(_copy.Host, "Build")) && !File.Exists(Path.Combine(_copy.Host, "Build.dll")), Is.True,
                "the native host was taken");
        }
    }

    [Test]
    public void A_warm_run_lists_no_sources_and_a_changed_source_sends_it_back_to_build_sh_which_compiles_again()
    {
        RunTheNativeHost();
        // Without find on the PATH, only the warm path can run: the full one lists the sources with find.
        var marked = File.Exists(Path.Combine(_copy.Host, WarmStart.MarkerFile));
        var withoutFind = _copy.Run([new("BUILD_HOST", null), new("PATH", _copy.PathWithout("find"))], "--version");
        TouchASource();
        var changed = Run("1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(marked, Is.True, "the compile marks the host as checking its sources");
            Assert.That(withoutFind.ExitCode, Is.Zero, withoutFind.StdErr);
            Assert.That(withoutFind.StdOut, Does.Contain("OmniNode Bridge build suite"));
            Assert.That(changed.ExitCode, Is.Zero, changed.StdErr);
            Assert.That(changed.StdErr, Does.Contain("build.sh: compiling the jit build host (build/ changed"));
            Assert.That(changed.StdOut, Does.Contain("OmniNode Bridge build suite"));
            Assert.That(_copy.Kind, Is.EqualTo("jit"), "the sources' own host runs until their native host is compiled");
        }
    }

    [Test]
    public void A_second_clone_of_the_same_sources_runs_the_machines_native_host_at_once()
    {
        RunTheNativeHost();
        using var second = BootstrapTests.BootstrapCopy.Create(_copy.Cache);
        File.Copy(Path.Combine(_copy.Root, "build", "Program.cs"), Path.Combine(second.Root, "build", "Program.cs"), overwrite: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var first = Run(second, "1");
        var took = watch.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(first.StdErr, Does.Not.Contain("build.sh:"), "nothing compiled, nothing started");
            Assert.That(second.Kind, Is.EqualTo("native"));
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(3)));
        }
    }

    [Test]
    public void A_native_host_that_cannot_start_is_rebuilt_although_its_stamp_is_intact([Values("truncated", "deleted", "not executable")] string damage)
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        if (_copy.Kind != "native")
        {
            foreach (var failed in _copy.NativeFailed)
            {
                File.Delete(failed);
            }

            Run("1");
            _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
            Run("1");
        }

        var host = Path.Combine(_copy.Host, "Build");
        Assert.That(_copy.Kind, Is.EqualTo("native"), "a native host to damage");
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(host, []); break;
            case "deleted": File.Delete(host); break;
            default: TestEnvironment.Run("chmod", ["a-x", host], null); break;
        }

        var run = Run("1");
        var kindAfterDamage = _copy.Kind;
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var next = Run("1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
            // A deleted file is only the clone's hard link: the machine cache's host is linked in again at once. Truncated
            // or no longer executable, the cache's file is damaged too (one inode): the JIT host runs, the cache recompiles.
            Assert.That(kindAfterDamage, Is.EqualTo(damage == "deleted" ? "native" : "jit"), "the damaged host is not run");
            Assert.That(next.ExitCode, Is.Zero, next.StdOut + next.StdErr);
            Assert.That(_copy.Kind, Is.EqualTo("native"), "and the native host came back in the background");
        }
    }

    [Test]
    public void A_change_of_build_during_the_native_compile_files_its_host_under_the_sources_it_copied()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        TouchASource();
        var first = Run("15");
        // The stand-in publish creates its output folder first, so once that exists the compile has copied the
        // sources it builds from (the compile runs at idle priority: on a busy machine that can take a while).
        var work = Path.Combine(_copy.Cache, "work");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool Started() => Directory.Exists(work) && Directory.EnumerateDirectories(work, "out", SearchOption.AllDirectories).Any();
        while (!Started() && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(100);
        }

        var copied = Directory.Exists(work) ? Path.GetFileName(Directory.GetDirectories(work).Single()) : string.Empty;
        Assert.That(copied, Is.Not.Empty, "the background compile did not start within a minute");
        TouchASource();
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var next = Run("1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(File.Exists(Path.Combine(_copy.Cache, "native", copied, "Build")), Is.True, "the host of the copied sources is in the cache");
            Assert.That(next.StdErr, Does.Contain("build.sh: compiling the jit build host (build/ changed"), "the changed clone does not run it");
            Assert.That(_copy.Kind, Is.EqualTo("jit"));
        }
    }

    [Test]
    public void A_failed_native_compile_is_remembered_and_said_once()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        TouchASource();
        var first = Run("1", fail: true);
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var second = Run("1");
        var third = Run("1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdErr);
            Assert.That(_copy.NativeFailed, Is.Not.Empty);
            Assert.That(second.ExitCode, Is.Zero, second.StdErr);
            Assert.That(second.StdErr, Does.Contain("the native build host did not compile for these sources"));
            Assert.That(third.StdErr, Does.Not.Contain("build.sh:"), "said once, not tried again for the same sources");
            Assert.That(BootstrapTests.BootstrapCopy.IsLocked(_copy.NativeLock), Is.False, "no compile started again");
            Assert.That(_copy.Kind, Is.EqualTo("jit"));
        }
    }

    [Test]
    public void The_native_compile_begins_only_once_the_command_that_started_it_is_over()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        if (File.Exists(Ticks)) { File.Delete(Ticks); }
        TouchASource();
        var first = Run("2");
        var firstEnded = Now();
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var ticks = ReadTicks();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(ticks, Is.Not.Empty, "the compile ran");
            Assert.That(ticks.Min(), Is.GreaterThanOrEqualTo(firstEnded - 0.05),
                $"no progress while the first command ran: {ticks.Count} ticks, {ticks.Min():0.00}-{ticks.Max():0.00}; {first.StdErr}");
            Assert.That(_copy.NativeFailed, Is.Empty);
            Assert.That(Directory.GetDirectories(Path.Combine(_copy.Cache, "native")), Is.Not.Empty, "the native host is in the machine cache");
        }
    }

    [Test]
    public void A_command_during_the_native_compile_pauses_it_until_the_command_is_over()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        if (File.Exists(Ticks)) { File.Delete(Ticks); }
        TouchASource();
        Run("8");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(Ticks) && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(50);
        }

        Assert.That(File.Exists(Ticks), Is.True, "the background compile did not start within a minute");
        // A host that runs for two seconds: build.sh execs `dotnet`, here a script that waits, then execs the real one
        // (the pid that build.sh registered stays the same through both execs).
        var slowBin = Path.Combine(_copy.Root, ".slow-bin");
        Directory.CreateDirectory(slowBin);
        var slowDotnet = Path.Combine(slowBin, "dotnet");
        File.WriteAllText(slowDotnet, $"#!/usr/bin/env bash\nsleep 2\nexec {TestEnvironment.FindOnPath("dotnet")} \"$@\"\n");
        TestEnvironment.Run("chmod", ["+x", slowDotnet], null);
        var started = Now();
        var during = _copy.Run([new("BUILD_HOST", null), new("BUILD_HOST_NATIVE_PUBLISH", FakePublish), new("FAKE_NATIVE_ROOT", _copy.Root),
            new("PATH", slowBin + ":" + Environment.GetEnvironmentVariable("PATH"))], "--version");
        var ended = Now();
        var compilingAfter = BootstrapTests.BootstrapCopy.IsLocked(_copy.NativeLock);
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        var ticks = ReadTicks();
        // build.sh fingerprints the sources before it runs the host and stops the compile: half a second of slack at the
        // start; at the end the compile may resume between the host's exit and the moment this test reads the clock.
        var whileTheHostRan = ticks.Where(tick => tick > started + 0.5 && tick < ended - 0.1).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(during.ExitCode, Is.Zero, during.StdOut + during.StdErr);
            Assert.That(ended - started, Is.GreaterThan(2), "the host ran for two seconds");
            Assert.That(ticks.Count(tick => tick < started), Is.GreaterThan(0), "the compile made progress before the command");
            Assert.That(compilingAfter, Is.True, "the compile was still on when the command ended (8 s of ticks)");
            Assert.That(whileTheHostRan, Is.Empty, $"ticks while the command ran ({started:0.00}-{ended:0.00})");
            Assert.That(ticks.Count(tick => tick >= ended), Is.GreaterThan(0), "resumed after the command");
            Assert.That(Directory.GetDirectories(Path.Combine(_copy.Cache, "native")), Is.Not.Empty, "and finished");
        }
    }

    private string Ticks => Path.Combine(_copy.Root, ".build", "fake-native-ticks");

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private List<double> ReadTicks() => File.Exists(Ticks)
        ? File.ReadAllLines(Ticks).Where(line => line.Length > 0).Select(line => double.Parse(line, System.Globalization.CultureInfo.InvariantCulture)).ToList()
        : [];

    // The copy's .build/host is its native host: compiled in the background by a first run if it is not yet.
    private void RunTheNativeHost()
    {
        _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
        if (_copy.Kind != "native")
        {
            Run("1");
            _copy.WaitForBackgroundCompile(TimeSpan.FromMinutes(2));
            Run("1");
        }

        Assert.That(_copy.Kind, Is.EqualTo("native"), "a native host in the copy");
    }

    private void TouchASource()
    {
        var source = Path.Combine(_copy.Root, "build", "Program.cs");
        File.AppendAllText(source, "\n");
    }
}

/// <summary>
/// build.ps1 under PowerShell 7 (the Test task installs it into .build/tools) against build.sh in the same copy: the same
/// content hash (build.ps1 runs the host build.sh compiled, nothing is compiled again), the same output and exit codes.
/// </summary>
[NonParallelizable]
[Category("Host")]
public sealed class BuildPs1Tests
{
    private BootstrapTests.BootstrapCopy _copy = null!;
    private string _pwsh = null!;

    [OneTimeSetUp]
    public void FindPowerShell()
    {
        var installed = Path.Combine(HostRun.RepositoryRoot, ".build", "tools", "pwsh");
        _pwsh = File.Exists(installed) ? installed : TestEnvironment.FindOnPath("pwsh") ?? string.Empty;
        if (_pwsh.Length == 0)
        {
            TestEnvironment.IgnoreExceptOnCi("pwsh is not installed (./build.sh --target=Test installs it into .build/tools)");
        }

        _copy = BootstrapTests.BootstrapCopy.Create();
    }

    [OneTimeTearDown]
    public void Delete() => _copy?.Dispose();

    public static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData((object)new[] { "--target=EnsureLock", "--locked", "--dryrun" }).SetArgDisplayNames("a dry run");
        yield return new TestCaseData((object)new[] { "--target=EnsureLock", "--locked" }).SetArgDisplayNames("a real target");
        yield return new TestCaseData((object)new[] { "--target=Nope" }).SetArgDisplayNames("a bad option");
    }

    [TestCaseSource(nameof(Commands))]
    public void Build_ps1_gives_what_build_sh_gives(string[] args)
    {
        KeyValuePair<string, string?>[] environment = [new("BUILD_HOST", "jit"), new("NO_COLOR", "1")];
        var bash = _copy.Run(environment, args);
        var pwsh = TestEnvironment.Run(_pwsh, [Path.Combine(_copy.Root, "build.ps1"), .. args], _copy.Root,
            [new("BUILD_HOST_CACHE", _copy.Cache), .. environment]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pwsh.ExitCode, Is.EqualTo(bash.ExitCode), pwsh.StdOut + pwsh.StdErr);
            Assert.That(WithoutDurations(pwsh.StdOut), Is.EqualTo(WithoutDurations(bash.StdOut)));
            Assert.That(pwsh.StdErr, Does.Not.Contain("compiling"), "the same content hash: build.sh's host is run");
        }
    }

    [Test]
    public void An_unknown_host_kind_is_refused_by_both_with_exit_code_2()
    {
        KeyValuePair<string, string?>[] environment = [new("BUILD_HOST", "aot"), new("BUILD_HOST_CACHE", _copy.Cache)];
        var pwsh = TestEnvironment.Run(_pwsh, [Path.Combine(_copy.Root, "build.ps1"), "--version"], _copy.Root, environment);

        var refused = pwsh.StdErr.Contains("BUILD_HOST=aot is not a kind of build host", StringComparison.Ordinal);
        Assert.That((pwsh.ExitCode, refused), Is.EqualTo((2, true)), pwsh.StdErr);
    }

    private static string WithoutDurations(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\d\d:\d\d:\d\d\.\d+", "T");
}
