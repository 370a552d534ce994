namespace Build.Provisioning;

/// <summary>What the installer knows about this machine and the user's wish.</summary>
public sealed record InstallPolicy(bool NoInstall, bool IsRoot, bool HasApt)
{
    public const string NoInstallVariable = "BRIDGE_NO_INSTALL";

    public static InstallPolicy ForThisMachine(bool noInstall) =>
        new(noInstall, Environment.IsPrivilegedProcess, File.Exists("/usr/bin/apt-get"));
}
