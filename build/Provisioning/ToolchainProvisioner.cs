using System.Diagnostics;
using System.Runtime.InteropServices;
using Build.Tools;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Provisioning;

/// <summary>
/// Puts the Debian 13 toolchain in place once per machine: downloads the pinned packages with a private apt
/// configuration, extracts them with <c>dpkg-deb -x</c>, links the programs, and only then renames the staging folder
/// to the toolchain's: a clone that finds the folder finds it whole, and two clones provisioning at once each work
/// in their own staging folder (the second rename loses and its folder is dropped).
/// </summary>
public sealed class ToolchainProvisioner(ICommandRunner runner, Debian13Toolchain toolchain)
{
    /// <summary>The toolchain, downloaded and extracted unless it is already complete; returns how long that took.</summary>
    public TimeSpan Ensure()
    {
        if (toolchain.IsComplete)
        {
            return TimeSpan.Zero;
        }

        var clock = Stopwatch.StartNew();
        var staging = $"{toolchain.Folder}.partial-{Environment.ProcessId}";
        var pins = string.Join(", ", Debian13Toolchain.Packages.Select(package => package.Pinned));
        runner.Log.Information("Fetching Docker Engine 26 from Debian 13 ({0}) into {1}.", pins, toolchain.Folder);
        DeleteAbandonedStaging();
        try
        {
            Stage(staging);
        }
        catch
        {
            // A failed download or extraction leaves nothing behind: the next run starts from scratch.
            DeleteFolder(staging);
            throw;
        }

        try
        {
            Directory.CreateDirectory(toolchain.ToolchainsFolder);
            Directory.Move(staging, toolchain.Folder);
        }
        catch (IOException) when (toolchain.IsComplete)
        {
            // Another clone finished first; its copy is the same pinned packages.
            DeleteFolder(staging);
        }

        return clock.Elapsed;
    }

    private void Stage(string staging)
    {
        var apt = new PrivateApt(Path.Combine(staging, "apt"), Debian13Toolchain.Mirror, Debian13Toolchain.Suite);
        apt.Write();
        foreach (var command in Commands(apt, Path.Combine(staging, "root")))
        {
            runner.Run(command);
        }

        Link(staging);
        DeleteFolder(apt.Folder);
        runner.Run(ToolCommand.Create(Path.Combine(staging, "bin", "dockerd"), new DirectoryPath("/"), arguments => arguments.Append("--version")));
        File.WriteAllText(Path.Combine(staging, ".complete"), string.Join('\n', Debian13Toolchain.Packages.Select(package => package.Pinned)) + "\n");
    }

    /// <summary>apt-get update, apt-get download of the pins, then one dpkg-deb -x a package: what a run executes.</summary>
    public static IEnumerable<ToolCommand> Commands(PrivateApt apt, string root)
    {
        var folder = new DirectoryPath(apt.Downloads);
        yield return ToolCommand.Create("apt-get", folder, arguments => arguments.Append("update").Append("--quiet").Append("--error-on=any"), apt.Environment);
        yield return ToolCommand.Create("apt-get", folder, arguments =>
        {
            arguments.Append("download").Append("--quiet");
            foreach (var package in Debian13Toolchain.Packages)
            {
                arguments.Append(package.Pinned);
            }
        }, apt.Environment);
        foreach (var package in Debian13Toolchain.Packages)
        {
            yield return ToolCommand.Create("dpkg-deb", folder, arguments => arguments.Append("-x").Append(DebFile(package)).Append(root));
        }
    }

    /// <summary>The file apt-get download writes: name_version_architecture.deb, an epoch's colon escaped as %3a.</summary>
    public static string DebFile(DebianPackage package) =>
        $"{package.Name}_{package.Version.Replace(":", "%3a", StringComparison.Ordinal)}_{Architecture}.deb";

    private static string Architecture => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";

    /// <summary>bin/ (relative links into root/, runc to the host's) and client/cli-plugins/.</summary>
    private static void Link(string folder)
    {
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        foreach (var (name, target) in Debian13Toolchain.Programs)
        {
            File.CreateSymbolicLink(Path.Combine(bin, name), Path.IsPathRooted(target) ? target : Path.Combine("..", target));
        }

        var plugins = Directory.CreateDirectory(Path.Combine(folder, "client", "cli-plugins")).FullName;
        foreach (var (name, target) in Debian13Toolchain.Plugins)
        {
            File.CreateSymbolicLink(Path.Combine(plugins, name), Path.Combine("..", target));
        }
    }

    /// <summary>Staging folders whose run is gone (killed mid-download): the pid in the name no longer runs.</summary>
    private void DeleteAbandonedStaging()
    {
        if (!Directory.Exists(toolchain.ToolchainsFolder))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(toolchain.ToolchainsFolder, Debian13Toolchain.Name + ".partial-*"))
        {
            var pid = folder[(folder.LastIndexOf('-') + 1)..];
            if (pid == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) || !Directory.Exists($"/proc/{pid}"))
            {
                DeleteFolder(folder);
            }
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
