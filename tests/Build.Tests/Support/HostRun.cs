using System.Diagnostics;

namespace Build.Tests.Support;

/// <summary>The outcome of one run of the real build host.</summary>
public sealed record HostResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

/// <summary>
/// Runs the real build host (Build.dll, copied next to the tests by the project reference) as a user would,
/// with a working directory and extra environment variables, and captures what it prints.
/// </summary>
public static class HostRun
{
    public static string HostAssembly => Path.Combine(TestContext.CurrentContext.TestDirectory, "Build.dll");

    /// <summary>
    /// The native host (.build/host/Build) when the Test task runs the tests from it (BRIDGE_TEST_HOST): every host
    /// test then runs the executable users run. Unset (a plain <c>dotnet test</c>): <c>dotnet Build.dll</c>.
    /// </summary>
    public static string? NativeHost =>
        Environment.GetEnvironmentVariable("BRIDGE_TEST_HOST") is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>The repository this test run belongs to: the folder above the tests with build/Build.csproj.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "build", "Build.csproj")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The tests are not inside the repository.");
        }
    }

    public static HostResult In(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var nativeHost = NativeHost;
        var start = new ProcessStartInfo(nativeHost ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (nativeHost is null)
        {
            start.ArgumentList.Add(HostAssembly);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The tests decide the build target and registry, not a variable left in the caller's shell.
        start.Environment.Remove("BUILD_TARGET");
        start.Environment.Remove("BRIDGE_REGISTRY");
        start.Environment.Remove("GITHUB_ACTIONS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The build host did not finish: {string.Join(' ', arguments)}");
        }

        return new HostResult(process.ExitCode, output.Result, error.Result);
    }

    public static HostResult Run(params string[] arguments) => In(RepositoryRoot, null, arguments);
}

/// <summary>
/// A throw-away copy of the parts of the repository the host reads (no build/ sources, no .git), for tests that
/// break something on purpose and check that nothing else changes.
/// </summary>
public sealed class ScratchRepository : IDisposable
{
    private static readonly string[] CopiedPaths = ["pyproject.toml", "poetry.lock", "cake.config", "deployment", "docker", "src", "tools", ".dockerignore"];

    public ScratchRepository()
    {
        Root = Directory.CreateTempSubdirectory("bridge-scratch-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "build"));
        File.WriteAllText(Path.Combine(Root, "build", "Build.csproj"), "<Project />");
        foreach (var relative in CopiedPaths)
        {
            Copy(Path.Combine(HostRun.RepositoryRoot, relative), Path.Combine(Root, relative));
        }
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// Every file's bytes, by relative path: compare before and after to prove nothing changed. artifacts/ is left
    /// out, and so is .build/: the build report of a failed run is written there on purpose (it records the failure),
    /// and .build/ holds the digest cache; both are the tool's outputs, ignored by git.
    /// </summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar)[0] is not ("artifacts" or ".build"))
            .ToDictionary(
                path => Path.GetRelativePath(Root, path),
                path => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));

    /// <summary>Runs the build host process in this copy.</summary>
    public HostResult Run(params string[] arguments) => HostRun.In(Root, null, arguments);

    /// <summary>Runs the build in the test process (<see cref="InProcessBuild"/>) in this copy.</summary>
    public HostResult RunInProcess(params string[] arguments) => InProcessBuild.In(Root, null, null, arguments);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Copies a file or a folder tree, without caches and build outputs (__pycache__, .venv, bin, obj).</summary>
    internal static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            File.Copy(source, destination);
        }
        else if (Directory.Exists(source))
        {
            Directory.CreateDirectory(destination);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            {
                var name = Path.GetFileName(entry);
                if (name is "__pycache__" or ".venv" or "bin" or "obj")
                {
                    continue;
                }

                Copy(entry, Path.Combine(destination, name));
            }
        }
    }
}
