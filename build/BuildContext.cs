using Build.Context;
using Build.DryRun;
using Build.Git;
using Build.Images;
using Build.Provisioning;
using Build.Reporting;
using Build.Tools;
using Build.Tools.Compose;
using Build.Tools.Docker;
using Build.Tools.Poetry;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build;

/// <summary>
/// The one typed context every task shares. Options are parsed and validated here, before the first task runs;
/// everything that costs a process or a file read (git, pyproject.toml, the docker engine) is computed on first
/// use and then kept, so a task that does not need it does not pay for it.
/// </summary>
public sealed class BuildContext : FrostingContext, IDisposable
{
    private readonly Lazy<ProjectMetadata> _project;
    private readonly Lazy<GitFacts> _git;
    private readonly Lazy<ResolvedEngine?> _engineInUse;
    private readonly DockerCommands _docker;
    private readonly Lazy<DockerEngine> _engine;
    private readonly Lazy<BuilderChoice> _builder;
    private readonly Lazy<EngineApi?> _engineApi;
    private readonly Lazy<DockerCommands> _buildDocker;
    private readonly Lazy<ComposeClient> _compose;
    private readonly Dictionary<(string, ImageFlavour), ImageSpec> _images = [];
    private readonly Lazy<ToolProbeCache> _probeAnswers;
    private readonly Func<string, string?> _environment;
    private readonly EngineWatch? _engineWatch;

    private string? _skipReason;

    public BuildContext(ICakeContext context, DryRunSwitch dryRun)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        Targets = context.Arguments.GetArguments("target").ToList();
        Target = Targets.LastOrDefault() ?? "Default";
        Options = BuildOptionsParser.Parse(context, Target, dryRun.IsDryRun);
        Runner = new CommandRunner(context, Options.DryRun, Interruption, command => _engineWatch?.GoneCause(command));
        _docker = new DockerCommands(Options.DockerExecutable, Options.RepositoryRoot);
        Poetry = new PoetryCommands(Options.PoetryExecutable);
        _project = new(() => ProjectMetadata.Read(Options.PythonProject.CombineWithFilePath("pyproject.toml").FullPath));
        _git = new(ReadGit);
        var environment = context.Environment.GetEnvironmentVariable;
        Provisioning = new ProvisioningPhase(context.Log, Path.Combine(Options.RepositoryRoot.FullPath, ".build", "provisioning.log"), Report.Provisioned,
            Report.StartedAt, Options.DryRun ? TaskStatuses.Planned : TaskStatuses.Succeeded);
        Installer = new PackageInstaller(Runner, InstallPolicy.ForThisMachine(Options.NoInstall), environment, Provisioning);
        ProjectEngine = new ProjectEngine(ProjectEngineLocation.From(environment), Runner, EngineVersion);
        _engineWatch = new EngineWatch(EngineVersion, ProjectEngine);
        var resolver = new EngineResolver(environment, EngineVersion, ProjectEngine, Installer.Ensure, context.Log, phase: Provisioning);
        _engineInUse = new(() => Options.DryRun ? resolver.FindAnswering() : UseEngine(resolver.Resolve()));
        var probe = new DockerProbe(Runner, _docker);
        _engine = new(() => Options.DryRun ? new DockerEngine("not probed", "not probed") : probe.ProbeEngine(EngineInUse!));
        _builder = new(() => ChooseBuilder(context));
        _buildDocker = new(() => new DockerCommands(BuilderChoice.Client, Options.RepositoryRoot));
        // Compose is asked after the engine is found, so that its commands get the engine's DOCKER_HOST.
        _compose = new(() => Options.DryRun ? ComposeClient.Unprobed(Options.DockerExecutable) : EngineInUse is null ? throw new InvalidOperationException("no engine")
            : probe.ProbeCompose(ProbeAnswers, ProbeFingerprint(Options.DockerExecutable, ProgramPath.Resolve("docker-compose", environment("PATH")))));
        _probeAnswers = new(() => ToolProbeCache.Load(Path.Combine(Options.RepositoryRoot.FullPath, ".build", "tool-probes.json")));
        _environment = environment;

        // The engine of the run, asked directly where the client would ask it (not behind a docker context or TLS).
        _engineApi = new(() => EngineInUse is { } engine && engine.MayUseApi(environment) ? new EngineApi(engine.Endpoint, ImageInputs.InspectTimeout) : null);

        // Input digests (skip what did not change) and parallel image builds.
        ImageInputs = new ImageInputs(Options.RepositoryRoot.FullPath, Runner, _docker,
            engineReachable: !Options.DryRun || ImageInputs.LocalEngineSocketExists(environment("DOCKER_HOST")),
            findEngineApi: () => EngineApi);
        LocalBaseImages = new LocalBaseImages(Options, [ConfiguredLocal(context, OptionNames.BaseImage), ConfiguredLocal(context, OptionNames.BuilderImage)],
            Runner, Installer, Provisioning);
        ImageBuilds = new ParallelImageBuilds(line => Log.Information("{0}", line));
    }

    /// <summary>
    /// The engine API when it may stand in for the docker client (else null): read-only questions (images, the
    /// stack's containers) go there instead of starting the client. Found on first use.
    /// </summary>
    public EngineApi? EngineApi => _engineApi.Value;

    /// <summary>SIGINT/SIGTERM of this run: listened for from the moment the options are valid.</summary>
    public Interruption Interruption { get; } = Interruption.Listen();

    /// <summary>Input digests of the images and the engine's view of them.</summary>
    public ImageInputs ImageInputs { get; }

    /// <summary>Starts the two images of a target together when the builder allows it.</summary>
    public ParallelImageBuilds ImageBuilds { get; }

    /// <summary>The target given with --target (Default when none).</summary>
    public string Target { get; }

    /// <summary>Every --target given, in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>
    /// A task's ShouldRun with the reason it is skipped: the host's report shows it, and so does the dry run, which
    /// reads it back with <see cref="TakeSkipReason"/> right after the engine asked.
    /// </summary>
    public bool ShouldRun(bool condition, string reason)
    {
        _skipReason = condition ? null : reason;
        return FrostingContextExtensions.ShouldRun(this, condition, reason);
    }

    /// <summary>The reason the last ShouldRun gave for skipping, once.</summary>
    public string? TakeSkipReason()
    {
        var reason = _skipReason;
        _skipReason = null;
        return reason;
    }

    public BuildOptions Options { get; }

    /// <summary>What this run did, for artifacts/build-report.json and the GitHub Actions summary.</summary>
    public BuildReport Report { get; } = new();

    /// <summary>
    /// The names of the tasks Cake will run (set at Setup from Cake's own plan; empty before). Image tasks ask it
    /// whether their partner runs too (parallel builds): no reflection over the assembly at run time.
    /// </summary>
    public IReadOnlySet<string> PlannedTasks { get; private set; } = new HashSet<string>();

    /// <summary>Records Cake's plan: for the image tasks here, and as the report's task list.</summary>
    internal void Plan(IReadOnlyList<string> tasks)
    {
        PlannedTasks = new HashSet<string>(tasks, StringComparer.OrdinalIgnoreCase);
        Report.Plan(tasks);
    }

    public CommandRunner Runner { get; }

    /// <summary>Setting up the machine as a phase of its own: a line per step, the tools' output in .build/provisioning.log.</summary>
    public ProvisioningPhase Provisioning { get; }

    /// <summary>Installs what the build needs from apt (or says which command would), see <see cref="Provisioning"/>.</summary>
    public PackageInstaller Installer { get; }

    /// <summary>The local base images of cake.config: BaseImages makes them, an image build that lacks one too.</summary>
    public LocalBaseImages LocalBaseImages { get; }

    /// <summary>The project's own dockerd: its fixed places, start and stop.</summary>
    public ProjectEngine ProjectEngine { get; }

    /// <summary>
    /// The engine of this run, resolved once at the first question to it (DOCKER_HOST/context, default socket,
    /// project engine; started when needed). In a dry run nothing is started: the engine that answers, or null.
    /// </summary>
    public ResolvedEngine? EngineInUse => _engineInUse.Value;

    /// <summary>
    /// The docker command lines. Asking for them in a real run resolves the engine first, so that every docker and
    /// compose process of the run (Clean, Push, ComposeDown, … too) talks to the engine the log names.
    /// </summary>
    public DockerCommands Docker
    {
        get
        {
            if (!Options.DryRun)
            {
                _ = EngineInUse;
            }

            return _docker;
        }
    }

    public PoetryCommands Poetry { get; }

    public ProjectMetadata Project => _project.Value;

    public GitFacts Git => _git.Value;

    /// <summary>The engine and its versions; in a dry run nothing is probed.</summary>
    public DockerEngine Engine => _engine.Value;

    /// <summary>
    /// The client and builder of every `docker build` of this run, probed on first use (only when an image is
    /// really built) and announced in one line; in a dry run nothing is probed.
    /// </summary>
    public BuilderChoice BuilderChoice => _builder.Value;

    /// <summary>The docker commands of the builds: those of <see cref="BuilderChoice"/>'s client.</summary>
    public DockerCommands BuildDocker => _buildDocker.Value;

    public ComposeClient ComposeClient => _compose.Value;

    public ComposeCommands Compose => new(ComposeClient, ComposeProject, Options.RepositoryRoot);

    /// <summary>The compose files, project and the variables that pick the images the build tasks made.</summary>
    public ComposeProject ComposeProject
    {
        get
        {
            if (!File.Exists(Options.ComposeFile.FullPath))
            {
                throw BuildErrors.BadInputFile($"{Relative(Options.ComposeFile.FullPath)} is missing: the stack is defined there. Restore it from git (git checkout -- {Relative(Options.ComposeFile.FullPath)}).");
            }

            var files = new List<string> { Relative(Options.ComposeFile.FullPath) };
            if (Options.BuildTarget == BuildTarget.Development && Options.ComposeDevelopmentOverride is { } developmentOverride)
            {
                files.Add(Relative(developmentOverride.FullPath));
            }

            var variables = new Dictionary<string, string>
            {
                ["BUILD_TARGET"] = ImageTable.Of(Options.BuildTarget).Stage,
                ["IMAGE_TAG"] = ImageTable.Of(Options.BuildTarget).Tag,
                ["IMAGE_REGISTRY"] = Options.Registry is null ? "" : Options.Registry + "/",
            };
            return new ComposeProject(files, Options.ProjectName, variables);
        }
    }

    /// <summary>The image of one service in one flavour, planned once.</summary>
    public ImageSpec Image(string service, ImageFlavour flavour)
    {
        if (!_images.TryGetValue((service, flavour), out var spec))
        {
            spec = ImagePlanner.Plan(service, flavour, Options, Project, Git);
            _images[(service, flavour)] = spec;
        }

        return spec;
    }

    /// <summary>The flavour that BuildOrchestrator/BuildReducer build: the build target's stage.</summary>
    public ImageFlavour TargetFlavour => ImageTable.Of(Options.BuildTarget).Flavour;

    /// <summary>A path relative to the repository root, as commands show it.</summary>
    public string Relative(string path) => Path.GetRelativePath(Options.RepositoryRoot.FullPath, path).Replace('\\', '/');

    private BuilderChoice ChooseBuilder(ICakeContext context)
    {
        if (Options.DryRun)
        {
            return BuilderChoice.Unprobed(Options.DockerExecutable);
        }

        var clientGiven = Options.DockerExecutableGiven;
        var candidates = BuilderProbe.Candidates(Options.DockerExecutable, clientGiven, context.Environment.GetEnvironmentVariable("PATH"));
        var probe = new BuilderProbe(Runner, client => new DockerCommands(client, Options.RepositoryRoot), ProbeAnswers, client => ProbeFingerprint(client));
        var choice = probe.Choose(candidates, clientGiven, () =>
        {
            // The engine's own error (it names DOCKER_HOST); the configured client just failed to reach it.
            _ = Engine;
            return new CakeException(ExitCodes.NoEngine, $"{Options.DockerExecutable} reached no Docker engine. Point DOCKER_HOST at a running engine, then run the build again.");
        });
        Log.Information("{0}", choice.Describe());
        return choice;
    }

    /// <summary>The tool probes' answers of earlier runs (.build/tool-probes.json), read on first use.</summary>
    private ToolProbeCache ProbeAnswers => _probeAnswers.Value;

    /// <summary>
    /// What a probe of <paramref name="client"/> depends on: the client and <paramref name="others"/> (real path, size,
    /// time), the CLI's config and plugin folders, the engine of this run and the variables that change a client's answer.
    /// </summary>
    private string ProbeFingerprint(string client, params string[] others) => ToolFingerprint.Of(
        [ProgramPath.Resolve(client, _environment("PATH")), .. others, ToolFingerprint.DockerConfigFile(_environment)],
        ToolFingerprint.DockerPluginFolders(_environment),
        [EngineInUse?.Endpoint.Url, EngineInUse?.Version, _environment("DOCKER_CONTEXT"), _environment("DOCKER_CONFIG")]);

    /// <summary>A base image name of cake.config's [Bridge] section ("" when it names none).</summary>
    private static string ConfiguredLocal(ICakeContext context, string option) => context.Configuration.GetValue(OptionReader.ConfigurationKey(option)) ?? "";

    /// <summary>One request to an engine's API: its version when it answers, null otherwise.</summary>
    private static string? EngineVersion(EngineEndpoint endpoint)
    {
        using var api = new EngineApi(endpoint, EngineProbeTimeout);
        return api.ServerVersion();
    }

    /// <summary>An engine that does not answer its socket within this long counts as not answering.</summary>
    private static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Says which engine the run uses, records it in the report, and hands it to every child process: docker,
    /// compose, the scripts and the test runs all read DOCKER_HOST, so setting it here once makes them all use the
    /// engine found here (a chosen docker context is left to the client, which may need its TLS material).
    /// </summary>
    private ResolvedEngine UseEngine(ResolvedEngine engine)
    {
        Log.Information("Docker engine: {0}", engine.Describe());
        Report.Engine(new EngineEntry(engine.Endpoint.Url, engine.Version, engine.SourceName));
        _engineWatch?.Found(engine);
        if (engine.Source is not EngineSource.Context)
        {
            System.Environment.SetEnvironmentVariable("DOCKER_HOST", engine.Endpoint.Url);
        }

        return engine;
    }

    /// <summary>
    /// Ends the listening for signals: the host disposes the context after the teardown, so a host run inside
    /// another process (the in-process tests) leaves no signal handler behind.
    /// </summary>
    public void Dispose() => Interruption.Dispose();

    private GitFacts ReadGit()
    {
        var facts = GitReader.Read(Options.RepositoryRoot.FullPath, checkDirty: !Options.DryRun);
        if (!facts.IsRepository)
        {
            Log.Warning("{0} is not a git repository (or has no commit yet): images get no sha-, branch or revision tags and labels.", Options.RepositoryRoot.FullPath);
        }
        else if (facts.Dirty)
        {
            Log.Information("The work tree has uncommitted changes: the sha-{0} tag names the last commit, not these changes.", facts.ShortSha);
        }

        return facts;
    }
}
