using System.Diagnostics;
using NUnit.Framework;

namespace Build.Tests.Support;

/// <summary>How tests that need a tool find it, and are skipped when it is missing (never silently on CI).</summary>
internal static class TestEnvironment
{
    public static bool OnCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Ignores the test with a reason on a workstation; fails it when CI is set.</summary>
    public static void IgnoreExceptOnCi(string reason)
    {
        if (OnCi)
        {
            Assert.Fail($"{reason} (CI is set, so this cannot be skipped)");
        }

        Assert.Ignore(reason);
    }

    /// <summary>Finds an executable on PATH.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a process to completion and returns exit code and output: the one process runner of the tests. An
    /// environment value of null removes that variable.
    /// </summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string fileName, IEnumerable<string> arguments, string? workingDirectory,
        IEnumerable<KeyValuePair<string, string?>>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>A temporary directory deleted on dispose.</summary>
    public static TempDirectory CreateTempDirectory() => new();

    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ensurelock-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a test that failed mid-way may leave files open.
            }
        }
    }
}
