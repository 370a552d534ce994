namespace Build.Provisioning;

/// <summary>One Debian package at an exact version: what <c>apt-get download NAME=VERSION</c> fetches.</summary>
public sealed record DebianPackage(string Name, string Version)
{
    public string Pinned => $"{Name}={Version}";
}
