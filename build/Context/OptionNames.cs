using Build.Images;
using Build.TaskFacts;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Every option the build reads, each declared once: name, environment variable, type, default and help in one
/// definition. The parser reads each through its definition (<see cref="OptionReader"/>), <c>--help</c> prints
/// <see cref="All"/>, an option named on the command line that is in neither this table nor Cake's own
/// (<see cref="CakeOptionNames"/>) is refused, and the README's option table mirrors <see cref="All"/> (a test keeps
/// them in step). Each option can also come from an environment variable (where named) or from cake.config's [Bridge]
/// section (key <c>Bridge_&lt;Name&gt;</c>, dashes removed: --base-image → <c>[Bridge] BaseImage=</c>).
/// A field here is all there is to an option: the compiler writes <see cref="All"/> (in the order below: the groups
/// and order of the README's table and <c>--help</c>), the <see cref="BuildOptions"/> property of the field's name,
/// and, unless the option is <see cref="ParsedByHandAttribute">parsed by hand</see>, its reading in
/// <see cref="BuildOptionsParser"/> (build/Generators/OptionTableGenerator.cs).
/// </summary>
[OptionTable(typeof(BuildOptions), typeof(BuildOptionsParser))]
public static partial class OptionNames
{
    [ParsedByHand(typeof(ImageFlavour))]
    public static readonly TextOption BuildTarget = new(OptionGroup.Images, "build-target", "development|production", "BUILD_TARGET",
        "Stage of deployment/Dockerfile.* built by BuildOrchestrator/BuildReducer and run by compose.",
        DefaultMeaning: $"development (production for the {Targets(TaskCatalog.OfThisBuild.FixingStage(ImageFlavour.Production))})");

    [ParsedByHand(typeof(DirectoryPath))]
    public static readonly TextOption PythonProject = new(OptionGroup.Images, "python-project", "DIR", null,
        "Folder of the Python project's pyproject.toml.", DefaultMeaning: "the repository root");

    [ParsedByHand]
    public static readonly TextOption Registry = new(OptionGroup.Images, "registry", "HOST[:PORT]/NAMESPACE", "BRIDGE_REGISTRY",
        "Prefix of the image repositories; Push's destination.");

    [ParsedByHand]
    public static readonly ListOption ExtraTags = new(OptionGroup.Images, "tag", "EXTRA", null, "Extra tag for the images of the build target (repeatable).");

    [ParsedByHand]
    public static readonly TextOption BaseImage = new(OptionGroup.Images, "base-image", "IMAGE", "BRIDGE_BASE_IMAGE",
        "PYTHON_IMAGE build argument.", DefaultMeaning: "cake.config: the local runtime base image");

    [ParsedByHand]
    public static readonly TextOption BuilderImage = new(OptionGroup.Images, "builder-image", "IMAGE", "BRIDGE_BUILDER_IMAGE",
        "BUILDER_IMAGE build argument.", DefaultMeaning: "cake.config: the local builder base image");

    [ParsedByHand]
    public static readonly TextOption PoetryVersion = new(OptionGroup.Images, "poetry-version", "X.Y.Z", null,
        "POETRY_VERSION build argument (used only where the builder image lacks Poetry).", DefaultMeaning: "the Dockerfiles'");

    public static readonly SwitchOption Pull = new(OptionGroup.Images, "pull", null, "Passed to docker build.");

    public static readonly SwitchOption NoCache = new(OptionGroup.Images, "no-cache", null,
        "Passed to docker build; the venvs are installed from empty ones (DEPENDENCY_VENV=fresh).");

    [ParsedByHand(typeof(BuildCache), Optional = true)]
    public static readonly TextOption BuildCache = new(OptionGroup.Images, "build-cache", "TYPE[,KEY=VALUE...]", "BRIDGE_BUILD_CACHE",
        "buildx's layer cache export and import instead of the image's inline cache, one cache per image: local,dir=PATH " +
        "(a folder) or gha (GitHub Actions' cache). Needs a builder that exports caches; the build stops before building when it has none.");

    public static readonly SwitchOption Force = new(OptionGroup.Images, "force", null, "Build even when the image's input digest says nothing changed.");

    public static readonly SwitchOption Parallel = new(OptionGroup.Images, "parallel", null,
        "false: build the two images of a target one after the other even with BuildKit.", DefaultValue: true, Value: "true|false");

    public static readonly TextOption DockerExecutable = new(OptionGroup.Tools, "docker", "PATH", "BRIDGE_DOCKER",
        "The docker client to use; given, it also runs every build (not given: builds go to the first docker on PATH that drives BuildKit).",
        DefaultValue: "docker", DefaultMeaning: "the fastest docker on PATH for builds, docker for the rest");

    public static readonly TextOption PoetryExecutable = new(OptionGroup.Tools, "poetry", "PATH", null, "The Poetry to regenerate the lock with.",
        DefaultValue: "poetry");

    [ParsedByHand(typeof(ProjectEngineKind))]
    public static readonly TextOption ProjectEngine = new(OptionGroup.Tools, "project-engine", "debian13|debian12", "BRIDGE_PROJECT_ENGINE",
        "Started when none answers: Docker 26 of Debian 13 with the containerd image store, or the host's dockerd 20.10 (Debian 12).",
        DefaultValue: "debian13");

    public static readonly SwitchOption NoInstall = new(OptionGroup.Tools, "no-install", "BRIDGE_NO_INSTALL",
        "Never install a missing package (docker.io, docker-compose, mmdebstrap, ...): fail naming the apt-get command instead.");

    [ParsedByHand]
    public static readonly TextOption ProjectName = new(OptionGroup.Stack, "project-name", "NAME", null,
        "Compose project name; the stack name of Deploy and Undeploy.", DefaultValue: "omninode-bridge");

    [ParsedByHand(typeof(TimeSpan))]
    public static readonly IntegerOption WaitTimeout = new(OptionGroup.Stack, "wait-timeout", "SECONDS", null,
        "How long ComposeUp and Scale wait for health, Deploy for convergence, Undeploy for the stack to be gone.",
        DefaultValue: 120, Minimum: 1, Maximum: 3600, Unit: "seconds");

    public static readonly SwitchOption DownOnFailure = new(OptionGroup.Stack, "down-on-failure", null,
        "Take the stack down when it does not become healthy (default: leave it for inspection).");

    [ParsedByHand(typeof(ScalePlan))]
    public static readonly ListOption Scale = new(OptionGroup.Stack, "scale", "SERVICE=N", null,
        "Replicas for Scale and Deploy (repeatable); N from 0 to 100, SERVICE from the compose file. " +
        "Deploy keeps what a service runs when it is not named.");

    public static readonly SwitchOption RemoveVolumes = new(OptionGroup.Stack, "volumes", null, "ComposeDown also removes volumes.");

    public static readonly SwitchOption SwarmInit = new(OptionGroup.Swarm, "swarm-init", null,
        "Deploy on an engine in no swarm makes it a single-node swarm first (docker swarm init --advertise-addr 127.0.0.1).");

    public static readonly SwitchOption WithRegistryAuth = new(OptionGroup.Swarm, "with-registry-auth", null,
        "Deploy passes --with-registry-auth to docker stack deploy: the nodes pull with the client's registry login.");

    [ParsedByHand]
    public static readonly TextOption RegistryUsername = new(OptionGroup.Push, "registry-username", "USER", "REGISTRY_USERNAME", "Push's login user.");

    [ParsedByHand]
    public static readonly TextOption RegistryPassword = new(OptionGroup.Push, "registry-password", "PASSWORD", "REGISTRY_PASSWORD",
        "Push's login password: goes to docker login --password-stdin, never printed.");

    [ParsedByHand]
    public static readonly SwitchOption PasswordFromStandardInput = new(OptionGroup.Push, "password-stdin", null,
        "Read the registry password from standard input.");

    [ParsedByHand]
    public static readonly TextOption SignKey = new(OptionGroup.Push, "sign-key", "PATH", "BRIDGE_SIGN_KEY",
        "cosign private key: Push signs every pushed digest and attests its SBOM; the key's password in COSIGN_PASSWORD, never printed.");

    [ParsedByHand]
    public static readonly TextOption VerifyKey = new(OptionGroup.Push, "verify-key", "PATH", "BRIDGE_VERIFY_KEY",
        "cosign public key: Deploy refuses (exit 14) images without its signature and SBOM attestation; Verify checks the pushed images.");

    public static readonly SwitchOption TransparencyLog = new(OptionGroup.Push, "transparency-log", "BRIDGE_TRANSPARENCY_LOG",
        "Sign into and verify against the public transparency log (needs the internet); default: offline, key only.");

    public static readonly SwitchOption Locked = new(OptionGroup.Lock, "locked", null, "EnsureLock only checks, never writes poetry.lock (CI).");

    [ParsedByHand(typeof(FilePath))]
    public static readonly TextOption ReportPath = new(OptionGroup.Output, "report", "PATH", null, "Where the build report goes.",
        DefaultValue: "artifacts/build-report.json");

    public static readonly TextOption TestFilter = new(OptionGroup.Output, "test-filter", "EXPR", null,
        "dotnet test --filter for the Test task (for example TestCategory!=Docker).");

    private static string Targets(IReadOnlyList<string> names) => $"{string.Join(", ", names.SkipLast(1))} and {names[^1]} targets";
}
