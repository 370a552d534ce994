namespace Build.Provisioning;

/// <summary>
/// Docker Engine 26 with containerd, Compose v2 and buildx from Debian 13's packages, pinned, extracted into one folder
/// outside any work tree (shared by every clone) and never installed: the host's packages and its dockerd stay as
/// they are. Debian 13's runc needs glibc 2.38, which a Debian 12 host lacks; Debian 12's runc works with dockerd 26,
/// so <see cref="Bin"/> links runc to the host's.
/// </summary>
public sealed record Debian13Toolchain(string ToolchainsFolder)
{
    public const string ToolchainsVariable = "BRIDGE_TOOLCHAINS";
    public const string DefaultToolchainsFolder = "/var/lib/omninode-bridge/toolchains";
    public const string Mirror = "http://deb.debian.org/debian";
    public const string Suite = "trixie";
    public const string HostRunc = "/usr/sbin/runc";

    /// <summary>The pins: a new version is a new folder, so a changed pin never meets an old extraction.</summary>
    public static readonly IReadOnlyList<DebianPackage> Packages =
    [
        new("docker.io", "26.1.5+dfsg1-9+deb13u1+b1"),
        new("docker-cli", "26.1.5+dfsg1-9+deb13u1+b1"),
        new("containerd", "1.7.24~ds1-6+deb13u1"),
        new("docker-compose", "2.26.1-4"),
        new("docker-buildx", "0.13.1+ds1-3"),
        new("tini", "0.19.0-3+b8"),
    ];

    /// <summary>The programs dockerd and the client look up on PATH, and where each is in the extracted tree.</summary>
    public static readonly IReadOnlyList<(string Name, string Target)> Programs =
    [
        ("dockerd", "root/usr/sbin/dockerd"),
        ("docker-proxy", "root/usr/sbin/docker-proxy"),
        ("docker", "root/usr/bin/docker"),
        ("docker-init", "root/usr/bin/tini-static"),
        ("containerd", "root/usr/bin/containerd"),
        ("containerd-shim-runc-v2", "root/usr/bin/containerd-shim-runc-v2"),
        ("ctr", "root/usr/bin/ctr"),
        ("runc", HostRunc),
    ];

    /// <summary>The client's plugins, found in <c>$DOCKER_CONFIG/cli-plugins</c>.</summary>
    public static readonly IReadOnlyList<(string Name, string Target)> Plugins =
    [
        ("docker-compose", "../root/usr/libexec/docker/cli-plugins/docker-compose"),
        ("docker-buildx", "../root/usr/libexec/docker/cli-plugins/docker-buildx"),
    ];

    /// <summary>debian13-docker26.1.5-containerd1.7.24-compose2.26.1-buildx0.13.1: the versions, readable in <c>ls</c>.</summary>
    public static string Name => "debian13-docker" + Upstream("docker.io") + "-containerd" + Upstream("containerd")
        + "-compose" + Upstream("docker-compose") + "-buildx" + Upstream("docker-buildx");

    public string Folder => Path.Combine(ToolchainsFolder, Name);

    /// <summary>Links to every program of <see cref="Programs"/>: first on dockerd's PATH.</summary>
    public string Bin => Path.Combine(Folder, "bin");

    public string Dockerd => Path.Combine(Bin, "dockerd");

    public string Docker => Path.Combine(Bin, "docker");

    /// <summary>A DOCKER_CONFIG folder whose cli-plugins are Compose v2 and buildx.</summary>
    public string ClientConfig => Path.Combine(Folder, "client");

    /// <summary>Written last, after everything else is in place: a folder without it is not a toolchain.</summary>
    public string CompleteMarker => Path.Combine(Folder, ".complete");

    public bool IsComplete => File.Exists(CompleteMarker);

    public static Debian13Toolchain From(Func<string, string?> environment) =>
        new(environment(ToolchainsVariable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : DefaultToolchainsFolder);

    /// <summary>26.1.5 of 26.1.5+dfsg1-9+deb13u1+b1, 1.7.24 of 1.7.24~ds1-6+deb13u1.</summary>
    public static string Upstream(string package)
    {
        var version = Packages.Single(candidate => candidate.Name == package).Version;
        return version[..version.IndexOfAny(['+', '~', '-'])];
    }
}
