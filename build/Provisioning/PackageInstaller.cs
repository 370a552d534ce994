using Build.Tools;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Provisioning;

/// <summary>
/// Installs what a <see cref="PackagePlan"/> lists with apt-get, printing the exact command first. It refuses, with
/// that command in the message, when --no-install (or BRIDGE_NO_INSTALL=1) is given, when not root, or without apt.
/// </summary>
public sealed class PackageInstaller(ICommandRunner runner, InstallPolicy policy, Func<string, string?> environment, ProvisioningPhase? phase = null)
{
    /// <summary>Exit code when something the build needs is missing and may not or cannot be installed.</summary>
    public const int MissingExitCode = ExitCodes.ToolMissing;

    public static ToolCommand InstallCommand(IReadOnlyList<string> packages) =>
        ToolCommand.Create("apt-get", new DirectoryPath("/"), arguments =>
        {
            arguments.Append("install").Append("--yes").Append("--quiet").Append("--no-install-recommends");
            foreach (var package in packages)
            {
                arguments.Append(package);
            }
        }, new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });

    public static ToolCommand UpdateCommand() =>
        ToolCommand.Create("apt-get", new DirectoryPath("/"), arguments => arguments.Append("update").Append("--quiet"),
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });

    /// <summary>Installs what of <paramref name="needed"/> is missing; <paramref name="purpose"/> says what for, in the messages.</summary>
    public void Ensure(IEnumerable<Requirement> needed, string purpose)
    {
        var plan = PackagePlan.For(needed, requirement => requirement.Locate(environment) is not null);
        if (plan.IsEmpty)
        {
            return;
        }

        var install = InstallCommand(plan.Packages);
        var missing = $"{purpose} needs {plan.DescribeMissing()}, which {(plan.Missing.Count == 1 ? "is" : "are")} not installed.";
        if (!policy.HasApt)
        {
            throw new CakeException(MissingExitCode,
                $"{missing} This machine has no apt-get: install {string.Join(", ", plan.Missing.Select(requirement => requirement.Name))} " +
                "with its package manager and run the build again.");
        }

        if (!policy.IsRoot)
        {
            throw new CakeException(MissingExitCode, $"{missing} Installing needs root: run `sudo {install.Render()}` and then the build again.");
        }

        if (policy.NoInstall)
        {
            throw new CakeException(MissingExitCode,
                $"{missing} --no-install (or {InstallPolicy.NoInstallVariable}=1) forbids installing it: " +
                $"run `{install.Render()}` and then the build again.");
        }

        runner.Log.Information("{0} Installing it:", missing);
        if (phase is null)
        {
            Install(install, output: null);
            return;
        }

        phase.Step($"packages {string.Join(", ", plan.Packages)}", purpose, output => Install(install, output));
    }

    /// <summary>apt-get update when there are no package lists yet, then the install; apt's output to <paramref name="output"/> (null: the console).</summary>
    private void Install(ToolCommand install, Action<string>? output)
    {
        if (!HasPackageLists())
        {
            runner.Run(UpdateCommand(), output);
        }

        runner.Run(install, output);
    }

    /// <summary>A fresh Debian image has no package lists; without them apt-get install finds nothing.</summary>
    private static bool HasPackageLists() =>
        Directory.Exists("/var/lib/apt/lists") && Directory.EnumerateFiles("/var/lib/apt/lists", "*_Packages*").Any();
}
