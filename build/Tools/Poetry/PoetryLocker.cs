using System.Text.RegularExpressions;
using Build.Lock;
using Build.PackageIndex;
using Cake.Core.IO;

namespace Build.Tools.Poetry;

/// <summary>
/// The Poetry side of EnsureLock over the build's command runner: the version is asked once, and only when a lock
/// really has to be regenerated (a fresh lock starts no process at all).
/// </summary>
public sealed partial class PoetryLocker(ICommandRunner runner, PoetryCommands poetry, DirectoryPath project) : ILockCommandSource
{
    private Version? _version;
    private bool _probed;

    public Version? Version
    {
        get
        {
            if (!_probed)
            {
                _probed = true;
                var given = poetry.Executable == "poetry" ? "Poetry (poetry on PATH)" : $"the Poetry given with --poetry={poetry.Executable}";
                try
                {
                    var result = runner.Capture(poetry.Version(project), TimeSpan.FromSeconds(60));
                    _version = result.Succeeded ? ParseVersion(result.OutputText) : null;
                    if (_version is null)
                    {
                        var said = result.Error.Concat(result.Output).FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "no output";
                        Unavailable = $"{given} did not report a version (`{poetry.Executable} --version` exited {result.ExitCode}: {said})";
                    }
                }
                catch (CakeException exception) when (exception.ExitCode == ExitCodes.ToolMissing)
                {
                    _version = null;
                    Unavailable = poetry.Executable == "poetry"
                        ? "Poetry is not installed (no poetry on PATH)"
                        : $"{given} cannot be started ({exception.Message.Split(" (")[^1].Split(')')[0]})";
                }
            }

            return _version;
        }
    }

    public string Unavailable { get; private set; } = "Poetry is not installed";

    public ToolCommand LockCommand(string projectDirectory, IReadOnlyList<string> arguments) =>
        poetry.Lock(new DirectoryPath(projectDirectory), arguments);

    public int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        var (exitCode, reason) = RunExplained(runner, LockCommand(projectDirectory, arguments), projectDirectory);
        LastFailureReason = reason;
        return exitCode;
    }

    /// <summary>
    /// Runs a `poetry lock` command, its lines shown as they come and kept, so that a failure can name the package
    /// index's part in it.
    /// </summary>
    internal static (int ExitCode, string? Reason) RunExplained(ICommandRunner runner, ToolCommand command, string projectDirectory)
    {
        var output = new List<string>();
        var exitCode = runner.RunUnchecked(command, line =>
        {
            Console.WriteLine(line);
            output.Add(line);
        });
        var reason = exitCode != 0 && PackageIndexSources.ReadProjectOrNone(projectDirectory) is { } index
            ? PackageIndexFailures.Explain(output, index)
            : null;
        return (exitCode, reason);
    }

    public string? LastFailureReason { get; private set; }

    public int Check(string projectDirectory, CancellationToken cancel)
    {
        var directory = new DirectoryPath(projectDirectory);
        var command = Version >= new Version(1, 6) ? poetry.CheckLock(directory) : poetry.LockCheck(directory);
        return runner.RunUnchecked(command);
    }

    /// <summary>"Poetry (version 1.3.2)" or "Poetry version 2.1.3" → the version.</summary>
    public static Version? ParseVersion(string output)
    {
        var match = VersionPattern().Match(output);
        return match.Success && Version.TryParse(match.Groups[1].Value, out var version) ? version : null;
    }

    [GeneratedRegex(@"version\s+(\d+\.\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();
}
