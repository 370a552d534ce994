using Build.Tools;

namespace Build.Provisioning;

/// <summary>
/// Something the build needs from the machine: a program (found on PATH or at a fixed path) or a file, and the
/// Debian package that provides it.
/// </summary>
public sealed record Requirement(string Name, string Package, IReadOnlyList<string> Paths)
{
    /// <summary>The engine itself (the project engine runs it).</summary>
    public static readonly Requirement Dockerd = Program("dockerd", "docker.io");

    /// <summary>The 20.10 client that goes with the daemon; the build's default --docker.</summary>
    public static readonly Requirement DockerClient = Program("docker", "docker.io");

    public static readonly Requirement DockerCompose = Program("docker-compose", "docker-compose");

    /// <summary>
    /// Debian 12's docker client by its path: the engine tests' BuildKit client (20.10, BuildKit built in), which the
    /// docker 28 client of a fresh machine (on PATH, the legacy builder) does not stand in for.
    /// </summary>
    public static readonly Requirement Debian12Client = new("docker 20.10 (/usr/bin/docker)", "docker.io", ["/usr/bin/docker"]);

    /// <summary>The Debian 13 engine runs containers with the host's runc (Debian 13's needs a newer glibc).</summary>
    public static readonly Requirement Runc = new("runc", "runc", [Debian13Toolchain.HostRunc]);

    /// <summary>
    /// dockerd makes its bridge network's NAT rules with it and does not start without it. Debian 12's docker.io brings it
    /// as a dependency; the Debian 13 engine is extracted from its packages, so a machine without iptables needs it.
    /// </summary>
    public static readonly Requirement Iptables = Program("iptables", "iptables");

    /// <summary>BaseImages builds the local base images with it.</summary>
    public static readonly Requirement Mmdebstrap = Program("mmdebstrap", "mmdebstrap");

    public static readonly Requirement Poetry = Program("poetry", "python3-poetry");

    /// <summary>The Push tests start a local registry with it.</summary>
    public static readonly Requirement DockerRegistry = new("docker-registry", "docker-registry", ["/usr/bin/docker-registry"]);

    /// <summary>The workflow validator (tests/workflow) is installed with npm ci.</summary>
    public static readonly Requirement Npm = Program("npm", "npm");

    /// <summary>The report's browser test renders the HTML report with it (Debian's chromium, or the Chrome of GitHub's runners).</summary>
    public static readonly Requirement Chromium = new("chromium", "chromium", ["/usr/bin/chromium", "/usr/bin/google-chrome"]);

    /// <summary>The native build host links with a C compiler and the C library's start files.</summary>
    public static readonly Requirement CCompiler = Program("gcc", "gcc");

    public static readonly Requirement CStartFiles = new("crt1.o", "libc6-dev", ["/usr/lib/x86_64-linux-gnu/crt1.o", "/usr/lib/aarch64-linux-gnu/crt1.o"]);

    /// <summary>What an engine of our own needs: the daemon, its client and Compose v1 (the stack tasks use it).</summary>
    public static readonly IReadOnlyList<Requirement> Engine = [Dockerd, DockerClient, DockerCompose];

    /// <summary>A program looked up on PATH (plus the sbin folders, where dockerd lives but a non-root PATH may not look).</summary>
    public static Requirement Program(string name, string package) => new(name, package, []);

    /// <summary>Where it is on this machine; null when missing.</summary>
    public string? Locate(Func<string, string?> environment)
    {
        if (Paths.Count > 0)
        {
            return Paths.FirstOrDefault(File.Exists);
        }

        return ProgramPath.Matches(Name, environment("PATH"), ["/usr/local/sbin", "/usr/sbin", "/sbin"]).FirstOrDefault();
    }
}
