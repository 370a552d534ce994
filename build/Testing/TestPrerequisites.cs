using Build.Provisioning;
using Build.Tools;
using Cake.Core.IO;

namespace Build.Testing;

/// <summary>What the test suites need from the machine, so that the Test task provisions it the way Production does.</summary>
public static class TestPrerequisites
{
    /// <summary>
    /// The packages the suites use: Poetry (lock tests), Debian 12's docker.io and Compose, docker-registry (Push tests),
    /// npm (the workflow validator), chromium (the HTML report's browser test), and where CI checks the native build
    /// host, the C toolchain it links with.
    /// </summary>
    public static IReadOnlyList<Requirement> Packages(bool engineTests, bool checksNativeHost)
    {
        var needed = new List<Requirement> { Requirement.Poetry, Requirement.Npm, Requirement.Chromium };
        if (engineTests)
        {
            // Debian 12's docker.io by its paths: the suites' BuildKit client and the dockerd of their Debian 12 lane and
            // swarm labs (installing it starts no daemon where policy-rc.d forbids it, and the build never starts one).
            needed.AddRange([Requirement.Debian12Client, Requirement.Dockerd, Requirement.DockerCompose, Requirement.DockerRegistry]);
        }

        if (checksNativeHost)
        {
            needed.AddRange([Requirement.CCompiler, Requirement.CStartFiles]);
        }

        return needed;
    }

    /// <summary>Whether the filter leaves the engine tests (category Docker) in: then the suites need an engine and the base images.</summary>
    public static bool NeedsEngine(string? filter) =>
        filter is null || !filter.Replace(" ", "", StringComparison.Ordinal).Contains("TestCategory!=Docker", StringComparison.OrdinalIgnoreCase);

    /// <summary>The workflow validator of tests/workflow, as its lock file pins it.</summary>
    public static ToolCommand NpmCi(DirectoryPath workflowFolder) =>
        ToolCommand.Create("npm", workflowFolder, arguments => arguments.Append("ci").Append("--no-audit").Append("--no-fund").Append("--loglevel=error"));

    /// <summary>
    /// PowerShell for the tests of build.ps1, as a dotnet tool in .build/tools (no package of the OS needed). The version is
    /// pinned: the newest on NuGet (7.7.0) does not run on this SDK.
    /// </summary>
    public static ToolCommand PowerShell(DirectoryPath repositoryRoot) =>
        ToolCommand.Create("dotnet", repositoryRoot, arguments => arguments.Append("tool").Append("install").Append("PowerShell")
            .Append("--version").Append(PowerShellVersion).Append("--tool-path").AppendQuoted(PowerShellFolder(repositoryRoot).FullPath));

    public const string PowerShellVersion = "7.6.10";

    /// <summary>Where the Test task installs pwsh; the tests look there first.</summary>
    public static DirectoryPath PowerShellFolder(DirectoryPath repositoryRoot) => repositoryRoot.Combine(".build/tools");
}
