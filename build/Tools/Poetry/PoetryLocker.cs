using System.Text.RegularExpressions;
using Build.Lock;
using Cake.Core.IO;

namespace Build.Tools.Poetry;

/// <summary>
/// The Poetry side of EnsureLock over the build's command runner: the version is asked once, and only when a lock
/// really has to be regenerated (a fresh lock starts no process at all).
/// </summary>
public sealed partial class PoetryLocker(CommandRunner runner, PoetryCommands poetry, DirectoryPath project) : IPoetryLocker
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
                try
                {
                    var result = runner.Capture(poetry.Version(project), TimeSpan.FromSeconds(60));
                    _version = result.Succeeded ? ParseVersion(result.OutputText) : null;
                }
                catch (CakeException exception) when (exception.ExitCode == ExitCodes.ToolMissing)
                {
                    _version = null;
                }
            }

            return _version;
        }
    }

    public int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel) =>
        runner.RunUnchecked(poetry.Lock(new DirectoryPath(projectDirectory), arguments));

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
