namespace Build.Context;

/// <summary>
/// Every command-line option the build reads, in one place: the names, and in <see cref="All"/> their definitions.
/// The README's option table mirrors <see cref="All"/> (a test keeps them in step).
/// Each option can also come from an environment variable (where named) or from cake.config's [Bridge] section
/// (key <c>Bridge_&lt;Name&gt;</c>, dashes removed: --base-image → <c>[Bridge] BaseImage=</c>).
/// </summary>
public static class OptionNames
{
    public const string PythonProject = "python-project";
    public const string BuildTarget = "build-target";
    public const string Registry = "registry";
    public const string Tag = "tag";
    public const string Docker = "docker";
    public const string Poetry = "poetry";
    public const string BaseImage = "base-image";
    public const string BuilderImage = "builder-image";
    public const string PoetryVersion = "poetry-version";
    public const string Pull = "pull";
    public const string NoCache = "no-cache";
    public const string Force = "force";
    public const string ProjectName = "project-name";
    public const string WaitTimeout = "wait-timeout";
    public const string DownOnFailure = "down-on-failure";
    public const string Scale = "scale";
    public const string Volumes = "volumes";
    public const string RegistryUsername = "registry-username";
    public const string RegistryPassword = "registry-password";
    public const string PasswordStdin = "password-stdin";
    public const string Locked = "locked";
    public const string Report = "report";
    public const string Parallel = "parallel";
    public const string TestFilter = "test-filter";
    public const string NoInstall = "no-install";
    public const string ProjectEngine = "project-engine";
    public const string SwarmInit = "swarm-init";
    public const string WithRegistryAuth = "with-registry-auth";

    /// <summary>
    /// Every option of the build, in the groups and order of the README's option table: the parser reads the
    /// environment variables from here and <c>--help</c> prints this table, so there is no second list to keep in step.
    /// </summary>
    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        new(OptionGroup.Images, BuildTarget, "development|production", "BUILD_TARGET", "development (production for the Production, Push and Default targets)", "Stage of deployment/Dockerfile.* built by BuildOrchestrator/BuildReducer and run by compose."),
        new(OptionGroup.Images, PythonProject, "DIR", null, "the repository root", "Folder of the Python project's pyproject.toml."),
        new(OptionGroup.Images, Registry, "HOST[:PORT]/NAMESPACE", "BRIDGE_REGISTRY", "none", "Prefix of the image repositories; Push's destination."),
        new(OptionGroup.Images, Tag, "EXTRA", null, "none", "Extra tag for the images of the build target (repeatable)."),
        new(OptionGroup.Images, BaseImage, "IMAGE", "BRIDGE_BASE_IMAGE", "cake.config: the local runtime base image", "PYTHON_IMAGE build argument."),
        new(OptionGroup.Images, BuilderImage, "IMAGE", "BRIDGE_BUILDER_IMAGE", "cake.config: the local builder base image", "BUILDER_IMAGE build argument."),
        new(OptionGroup.Images, PoetryVersion, "X.Y.Z", null, "the Dockerfiles'", "POETRY_VERSION build argument (used only where the builder image lacks Poetry)."),
        new(OptionGroup.Images, Pull, null, null, "off", "Passed to docker build."),
        new(OptionGroup.Images, NoCache, null, null, "off", "Passed to docker build."),
        new(OptionGroup.Images, Force, null, null, "off", "Build even when the image's input digest says nothing changed."),
        new(OptionGroup.Images, Parallel, "true|false", null, "true", "false: build the two images of a target one after the other even with BuildKit."),
        new(OptionGroup.Tools, Docker, "PATH", "BRIDGE_DOCKER", "the fastest docker on PATH for builds, docker for the rest", "The docker client to use; given, it also runs every build (not given: builds go to the first docker on PATH that drives BuildKit)."),
        new(OptionGroup.Tools, Poetry, "PATH", null, "poetry", "The Poetry to regenerate the lock with."),
        new(OptionGroup.Tools, ProjectEngine, "debian13|debian12", "BRIDGE_PROJECT_ENGINE", "debian13",
            "Started when none answers: Docker 26 of Debian 13, or the host's dockerd 20.10."),
        new(OptionGroup.Tools, NoInstall, null, "BRIDGE_NO_INSTALL", "off", "Never install a missing package (docker.io, docker-compose, mmdebstrap, ...): fail naming the apt-get command instead."),
        new(OptionGroup.Stack, ProjectName, "NAME", null, "omninode-bridge", "Compose project name; the stack name of Deploy and Undeploy."),
        new(OptionGroup.Stack, WaitTimeout, "SECONDS", null, "120", "How long ComposeUp and Scale wait for health, Deploy for convergence, Undeploy for the stack to be gone."),
        new(OptionGroup.Stack, DownOnFailure, null, null, "off", "Take the stack down when it does not become healthy (default: leave it for inspection)."),
        new(OptionGroup.Stack, Scale, "SERVICE=N", null, "none", "Replicas for Scale and Deploy (repeatable); N from 0 to 100, SERVICE from the compose file. Deploy keeps what a service runs when it is not named."),
        new(OptionGroup.Stack, Volumes, null, null, "off", "ComposeDown also removes volumes."),
        new(OptionGroup.Swarm, SwarmInit, null, null, "off", "Deploy on an engine in no swarm makes it a single-node swarm first (docker swarm init --advertise-addr 127.0.0.1)."),
        new(OptionGroup.Swarm, WithRegistryAuth, null, null, "off", "Deploy passes --with-registry-auth to docker stack deploy: the nodes pull with the client's registry login."),
        new(OptionGroup.Push, RegistryUsername, "USER", "REGISTRY_USERNAME", "none", "Push's login user."),
        new(OptionGroup.Push, RegistryPassword, "PASSWORD", "REGISTRY_PASSWORD", "none", "Push's login password: goes to docker login --password-stdin, never printed."),
        new(OptionGroup.Push, PasswordStdin, null, null, "off", "Read the registry password from standard input."),
        new(OptionGroup.Lock, Locked, null, null, "off", "EnsureLock only checks, never writes poetry.lock (CI)."),
        new(OptionGroup.Output, Report, "PATH", null, "artifacts/build-report.json", "Where the build report goes."),
        new(OptionGroup.Output, TestFilter, "EXPR", null, "none", "dotnet test --filter for the Test task (for example TestCategory!=Docker)."),
    ];

    /// <summary>Environment variables that stand in for an option (after the command line, before cake.config).</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables =
        All.Where(option => option.EnvironmentVariable is not null).ToDictionary(option => option.Name, option => option.EnvironmentVariable!);
}
