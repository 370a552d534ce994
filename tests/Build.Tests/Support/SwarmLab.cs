using System.Diagnostics;

namespace Build.Tests.Support;

/// <summary>
/// scripts/swarm-lab.sh driven from the tests: a lab of its own name and subnet (so a user's lab is left alone), its
/// manager's DOCKER_HOST and registry, nodes stopped and started, and a check that `down` left nothing behind.
/// </summary>
public sealed class SwarmLab
{
    /// <summary>bridgelab, or SWARM_LAB_NAME of the test process: two clones testing at once each run a lab of their own.</summary>
    public static readonly string Name = Environment.GetEnvironmentVariable("SWARM_LAB_NAME") is { Length: > 0 } name ? name : "bridgelab";

    /// <summary>10.215.0, or SWARM_LAB_SUBNET (SWARM_LAB_ADDRESS_POOL and SWARM_LAB_REGISTRY_PORT reach the script as they are).</summary>
    public static readonly string Subnet = Environment.GetEnvironmentVariable("SWARM_LAB_SUBNET") is { Length: > 0 } subnet ? subnet : "10.215.0";

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["SWARM_LAB_NAME"] = Name,
        ["SWARM_LAB_SUBNET"] = Subnet,
        ["DOCKER_HOST"] = null,
    };

    private SwarmLab(IReadOnlyDictionary<string, string> lines) => Lines = lines;

    /// <summary>The KEY=value lines `up` printed (DOCKER_HOST, REGISTRY, NODE_1 …).</summary>
    public IReadOnlyDictionary<string, string> Lines { get; }

    public string DockerHost => Lines["DOCKER_HOST"];

    public string Registry => Lines["REGISTRY"];

    /// <summary>Each node's address (NODE_1 …), where a published port of that node answers.</summary>
    public IReadOnlyList<string> NodeAddresses =>
        Lines.Where(line => line.Key.StartsWith("NODE_", StringComparison.Ordinal)).OrderBy(line => line.Key, StringComparer.Ordinal)
            .Select(line => line.Value).ToArray();

    public string ManagerSocket => DockerHost["unix://".Length..];

    public static string Script => Path.Combine(HostRun.RepositoryRoot, "scripts", "swarm-lab.sh");

    /// <summary>
    /// Ignored with the reason where a lab cannot run (not root, a program missing), failed when CI is set: the lab
    /// needs root for network namespaces, iproute2, iptables, nsenter/unshare, dockerd and docker-registry.
    /// <paramref name="testEngine"/>: whether the test engine must answer too (false where the lab's images come from an archive).
    /// </summary>
    public static void Require(bool testEngine = true)
    {
        if (testEngine)
        {
            DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        }

        var missing = new[] { "/usr/sbin/dockerd", LocalRegistry.Program }
            .Concat(new[] { "ip", "iptables", "nsenter", "unshare", "curl" }
                .Where(program => DockerEngineRequirement.Run("sh", "-c", $"command -v {program}").ExitCode != 0))
            .Where(program => !program.StartsWith('/') || !File.Exists(program)).ToArray();
        var problem = Environment.UserName != "root" ? "the swarm lab needs root (network namespaces, dockerd)"
            : missing.Length > 0 ? $"the swarm lab needs {string.Join(", ", missing)}"
            : null;
        if (problem is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail($"CI is set but {problem}.");
        }

        Assert.Ignore(problem + ".");
    }

    /// <summary>An archive (docker save) of the two base images for a lab, where the suite must not touch any other engine.</summary>
    public const string BaseImagesVariable = "BRIDGE_TEST_BASE_IMAGES";

    /// <summary><see cref="Require"/>, with the test engine only where <see cref="BaseImagesVariable"/> names no archive.</summary>
    public static void RequireForBaseImages() => Require(testEngine: Environment.GetEnvironmentVariable(BaseImagesVariable) is not { Length: > 0 });

    /// <summary>
    /// The lab's base images: the archive <see cref="BaseImagesVariable"/> names, else the two saved from the test engine
    /// into <paramref name="folder"/>.
    /// </summary>
    public static string BaseImageArchive(string folder)
    {
        if (Environment.GetEnvironmentVariable(BaseImagesVariable) is { Length: > 0 } given)
        {
            Assert.That(given, Does.Exist, BaseImagesVariable);
            return given;
        }

        var archive = Path.Combine(folder, "base.tar");
        var (saved, output) = DockerEngineRequirement.Docker("save", "-o", archive, DockerImages.PythonImage, DockerImages.BuilderImage);
        Assert.That(saved, Is.Zero, output);
        return archive;
    }

    /// <summary>A lab test's teardown: the lab down without leftovers (when one was made), then the test's folder removed.</summary>
    public static void DownAndDelete(SwarmLab? lab, string folder)
    {
        if (lab is not null)
        {
            DownWithoutLeftovers();
        }

        if (folder.Length > 0)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>SWARM_LAB_ENGINE of nodes that run dockerd 26 of the Debian 13 toolchain with the containerd image store.</summary>
    public const string Debian13Engine = "debian13";

    /// <summary>
    /// `up 3 --load IMAGES`: the manager gets the images the build needs (the base images of the test engine). The nodes
    /// run the host's dockerd 20.10, or <paramref name="engine"/> (<see cref="Debian13Engine"/>).
    /// </summary>
    public static SwarmLab Up(int nodes, string imageArchive, string? engine = null)
    {
        var settings = Settings.ToDictionary(setting => setting.Key, setting => setting.Value);
        settings["SWARM_LAB_ENGINE"] = engine;
        var (exitCode, output) = DockerEngineRequirement.RunIn(HostRun.RepositoryRoot, settings, "bash",
            [Script, "up", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--load", imageArchive]);
        Assert.That(exitCode, Is.Zero, output);
        var lines = output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && char.IsAsciiLetterUpper(line[0]) && line.Contains('=', StringComparison.Ordinal))
            .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.That(lines.Keys, Is.SupersetOf(new[] { "DOCKER_HOST", "REGISTRY" }), output);
        return new SwarmLab(lines);
    }

    /// <summary>`down`, checked: the script succeeds and leaves nothing of the lab behind.</summary>
    public static void DownWithoutLeftovers()
    {
        var (exitCode, output) = Run("down");
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Leftovers(), Is.Empty);
    }

    public static (int ExitCode, string Output) Run(params string[] arguments) =>
        DockerEngineRequirement.RunIn(HostRun.RepositoryRoot, Settings, "bash", [Script, .. arguments]);

    public void StopNode(int node) => Assert.That(Run("stop-node", node.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode, Is.Zero);

    public void StartNode(int node) => Assert.That(Run("start-node", node.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode, Is.Zero);

    /// <summary>What a lab of <see cref="Name"/> would leave behind: namespaces, bridge, iptables rule, processes, folders.</summary>
    public static IReadOnlyList<string> Leftovers()
    {
        var leftovers = new List<string>();
        var namespaces = DockerEngineRequirement.Run("ip", "netns", "list").Output;
        leftovers.AddRange(namespaces.Split('\n').Select(line => line.Split(' ')[0])
            .Where(ns => ns.StartsWith(Name + "-", StringComparison.Ordinal)).Select(ns => $"namespace {ns}"));
        if (DockerEngineRequirement.Run("ip", "link", "show", Name + "0").ExitCode == 0)
        {
            leftovers.Add($"bridge {Name}0");
        }

        if (DockerEngineRequirement.Run("iptables", "-S", "FORWARD").Output.Contains($"{Name} swarm lab", StringComparison.Ordinal))
        {
            leftovers.Add("iptables FORWARD rule");
        }

        var processes = Process.GetProcesses().Where(process =>
        {
            try
            {
                return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains($"/{Name}/", StringComparison.Ordinal);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }).Select(process => $"process {process.Id} ({process.ProcessName})");
        leftovers.AddRange(processes);
        leftovers.AddRange(new[] { $"/run/{Name}", $"/var/lib/{Name}" }.Where(Directory.Exists).Select(folder => $"folder {folder}"));
        return leftovers;
    }
}
