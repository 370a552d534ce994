using System.Reflection;
using Build.Git;

namespace Build.Context;

/// <summary>
/// What <c>--version</c> prints: the build suite's own version (VersionPrefix in build/Build.csproj, not the services'
/// version of pyproject.toml) and the commit of the repository the host belongs to, read when asked: the host is
/// rebuilt only when build/ changes, so a commit compiled into it would go stale with every other commit.
/// </summary>
public static class BuildSuiteVersion
{
    public static string Version =>
        typeof(BuildSuiteVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(BuildSuiteVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <param name="directory">A folder inside the repository: the host's own folder, wherever the build is run from.</param>
    public static string Describe(string directory)
    {
        var git = GitReader.Read(directory, checkDirty: false);
        var commit = git.IsRepository
            ? $"commit {git.ShortSha}" + (git.RefName is { } name ? $" ({name})" : string.Empty)
            : "no git commit (not inside a work tree)";
        var cake = typeof(ICakeContext).Assembly.GetName().Version?.ToString(3);
        return $"OmniNode Bridge build suite {Version}, {commit}; Cake {cake}";
    }
}
