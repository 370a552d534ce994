using Build.Images;
using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Every option of the build, parsed and validated once before the first task. Immutable: tasks read it,
/// nothing writes it.
/// </summary>
public sealed record BuildOptions
{
    public required DirectoryPath RepositoryRoot { get; init; }
    public required DirectoryPath PythonProject { get; init; }
    /// <summary>The stage BuildOrchestrator and BuildReducer build and compose runs: development or production.</summary>
    public required ImageFlavour BuildTarget { get; init; }

    /// <summary>host[:port]/namespace, no trailing slash; null for local-only images.</summary>
    public string? Registry { get; init; }
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    public required string DockerExecutable { get; init; }

    /// <summary>
    /// True when --docker (or BRIDGE_DOCKER, cake.config) named the client: it then builds, whatever else is installed.
    /// </summary>
    public bool DockerExecutableGiven { get; init; }
    public required string PoetryExecutable { get; init; }

    public string? BaseImage { get; init; }
    public string? BuilderImage { get; init; }
    public string? PoetryVersion { get; init; }

    public bool Pull { get; init; }
    public bool NoCache { get; init; }
    /// <summary>--build-cache (BRIDGE_BUILD_CACHE): buildx's exported layer cache; null for the image's inline cache.</summary>
    public BuildCache? BuildCache { get; init; }

    public bool Force { get; init; }
    public bool Parallel { get; init; } = OptionNames.Parallel.DefaultValue;

    public required FilePath ComposeFile { get; init; }
    public FilePath? ComposeDevelopmentOverride { get; init; }
    public required string ProjectName { get; init; }
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(OptionNames.WaitTimeout.DefaultValue);
    public bool DownOnFailure { get; init; }
    public ScalePlan Scale { get; init; } = ScalePlan.None;
    public bool RemoveVolumes { get; init; }

    public string? RegistryUsername { get; init; }
    public string? RegistryPassword { get; init; }
    /// <summary>--password-stdin: read the registry password from standard input when Push logs in.</summary>
    public bool PasswordFromStandardInput { get; init; }

    /// <summary>--sign-key (BRIDGE_SIGN_KEY): a cosign private key, absolute; Push signs with it.</summary>
    public string? SignKey { get; init; }

    /// <summary>COSIGN_PASSWORD, cosign's own variable: the sign key's password; handed to cosign's environment only, never printed.</summary>
    public string? SignKeyPassword { get; init; }

    /// <summary>--verify-key (BRIDGE_VERIFY_KEY): a cosign public key, absolute; Deploy and Verify check the images against it.</summary>
    public string? VerifyKey { get; init; }

    /// <summary>--transparency-log: cosign uploads to and checks the public log instead of working offline.</summary>
    public bool TransparencyLog { get; init; }

    public bool Locked { get; init; }
    public required FilePath ReportPath { get; init; }
    public string? TestFilter { get; init; }

    /// <summary>--no-install (BRIDGE_NO_INSTALL=1): never install a missing package, name the apt-get command instead.</summary>
    public bool NoInstall { get; init; }

    /// <summary>--project-engine (BRIDGE_PROJECT_ENGINE): the engine started when none answers.</summary>
    public Build.Tools.Docker.ProjectEngineKind ProjectEngine { get; init; }

    /// <summary>--swarm-init: Deploy makes an engine that is in no swarm a single-node swarm first.</summary>
    public bool SwarmInit { get; init; }

    /// <summary>--with-registry-auth: Deploy hands the client's registry login to the swarm nodes.</summary>
    public bool WithRegistryAuth { get; init; }
}
