using Build.Tools;
using Cake.Core.IO;

namespace Build.Provisioning;

/// <summary>
/// Puts <see cref="CosignToolchain"/> in place once per machine, as <see cref="ToolchainProvisioner"/> does the engine:
/// a private apt downloads the pinned package, <c>dpkg-deb -x</c> extracts it into a staging folder, and only a
/// staging folder whose cosign answered is renamed to the toolchain's (two clones at once: the second rename loses).
/// </summary>
public sealed class CosignProvisioner(ICommandRunner runner, CosignToolchain toolchain)
{
    /// <summary>The toolchain, downloaded and extracted unless it is already complete.</summary>
    public void Ensure(Action<string> output)
    {
        if (toolchain.IsComplete)
        {
            return;
        }

        var staging = $"{toolchain.Folder}.partial-{Environment.ProcessId}";
        try
        {
            var apt = new PrivateApt(Path.Combine(staging, "apt"), Debian13Toolchain.Mirror, Debian13Toolchain.Suite);
            apt.Write();
            foreach (var command in Commands(apt, Path.Combine(staging, "root")))
            {
                runner.Run(command, output);
            }

            Directory.Delete(apt.Folder, recursive: true);
            runner.Run(ToolCommand.Create(Path.Combine(staging, "root", "usr", "bin", "cosign"), new DirectoryPath("/"),
                arguments => arguments.Append("version")), output);
            File.WriteAllText(Path.Combine(staging, ".complete"), CosignToolchain.Package.Pinned + "\n");
            Directory.CreateDirectory(toolchain.ToolchainsFolder);
            Directory.Move(staging, toolchain.Folder);
        }
        catch (IOException) when (toolchain.IsComplete)
        {
            // Another clone finished first; its copy is the same pinned package.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>apt-get update, apt-get download of the pin, dpkg-deb -x: what a run executes.</summary>
    public static IEnumerable<ToolCommand> Commands(PrivateApt apt, string root)
    {
        var folder = new DirectoryPath(apt.Downloads);
        yield return ToolCommand.Create("apt-get", folder, arguments => arguments.Append("update").Append("--quiet").Append("--error-on=any"), apt.Environment);
        yield return ToolCommand.Create("apt-get", folder, arguments => arguments.Append("download").Append("--quiet")
            .Append(CosignToolchain.Package.Pinned), apt.Environment);
        yield return ToolCommand.Create("dpkg-deb", folder, arguments => arguments.Append("-x")
            .Append(ToolchainProvisioner.DebFile(CosignToolchain.Package)).Append(root));
    }
}
