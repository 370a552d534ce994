using Build.Tests.Lock;
using Build.Tests.Support;

namespace Build.Tests.Host;

/// <summary>
/// build.sh itself: which host it builds, what it does when the native compile cannot happen, bad input. The
/// native compile (2-3 minutes) is exercised by every CI run instead: .ci/run builds it and fails without it, and the
/// Test task then runs these suites' host tests against it (BRIDGE_TEST_HOST).
/// </summary>
public sealed class BootstrapTests
{
    [Test]
    public void An_unknown_host_kind_is_refused_with_the_valid_ones_and_nothing_is_built()
    {
        using var copy = BootstrapCopy.Create();

        var (exitCode, output, error) = TestEnvironment.Run("bash", [copy.Script, "--version"], copy.Root, [new("BUILD_HOST", "jit")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("BUILD_HOST=jit is not a kind of build host")
                .And.Contain("BUILD_HOST=native").And.Contain("BUILD_HOST=readytorun"));
            Assert.That(output, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(copy.Root, ".build")), Is.False, "nothing compiled, nothing written");
        }
    }

    [Test]
    public void Without_a_C_linker_the_native_host_falls_back_to_readytorun_and_says_so()
    {
        using var copy = BootstrapCopy.Create();
        var path = copy.PathWithout("gcc", "clang", "cc");

        var first = TestEnvironment.Run("bash", [copy.Script, "--target=EnsureLock", "--locked", "--dryrun"], copy.Root, [new("PATH", path), new("NO_COLOR", "1")]);
        var second = TestEnvironment.Run("bash", [copy.Script, "--version"], copy.Root, [new("PATH", path), new("NO_COLOR", "1")]);

        var host = Path.Combine(copy.Root, ".build", "host");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.StdOut + first.StdErr);
            Assert.That(first.StdErr, Does.Contain("no C linker (clang or gcc) for the native build host: building the readytorun host instead"));
            Assert.That(first.StdOut, Does.Contain("This was a dry run."), "the build itself ran, on the readytorun host");
            Assert.That(File.Exists(Path.Combine(host, "Build.dll")), Is.True);
            Assert.That(File.Exists(Path.Combine(host, "Build")), Is.False, "no native executable");
            Assert.That(File.ReadAllText(Path.Combine(host, ".sources-stamp")), Does.StartWith("native "), "the fallback is remembered until build/ changes");
            Assert.That(Directory.Exists(Path.Combine(copy.Root, ".build", "host.next")), Is.False, "the staging folder was swapped in");
            Assert.That(second.ExitCode, Is.Zero, second.StdErr);
            Assert.That(second.StdErr, Does.Not.Contain("build.sh:"), "a second run compiles nothing");
        }
    }

    /// <summary>
    /// What build.sh needs to build the host (build/ without bin/obj, the shared props, global.json) and what the
    /// host reads, in a temporary folder: the tests compile and swap hosts there, never in the repository.
    /// </summary>
    private sealed class BootstrapCopy : IDisposable
    {
        private BootstrapCopy(string root) => Root = root;

        public string Root { get; }

        public string Script => Path.Combine(Root, "build.sh");

        public static BootstrapCopy Create()
        {
            var root = Directory.CreateTempSubdirectory("bootstrap-").FullName;
            var source = HostRun.RepositoryRoot;
            foreach (var path in new[] { "build.sh", "global.json", "Directory.Build.props", "Directory.Packages.props", "cake.config", "pyproject.toml", "poetry.lock", "build" })
            {
                ScratchRepository.Copy(Path.Combine(source, path), Path.Combine(root, path));
            }

            return new BootstrapCopy(root);
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

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
