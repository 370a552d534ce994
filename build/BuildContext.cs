using Build.Context;
using Build.DryRun;
using Build.Git;
using Build.Images;
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
public sealed class BuildContext : FrostingContext
{
    private readonly Lazy<ProjectMetadata> _project;
    private readonly Lazy<GitFacts> _git;
    private readonly Lazy<DockerEngine> _engine;
    private readonly Lazy<ComposeClient> _compose;
    private readonly Dictionary<(string, ImageFlavour), ImageSpec> _images = [];

    private string? _skipReason;

    public BuildContext(ICakeContext context, DryRunSwitch dryRun)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        Targets = context.Arguments.GetArguments("target").ToList();
        Target = Targets.LastOrDefault() ?? "Default";
        Options = BuildOptionsParser.Parse(context, Target, dryRun.IsDryRun);
        Runner = new CommandRunner(context, Options.DryRun);
        Docker = new DockerCommands(Options.DockerExecutable, Options.RepositoryRoot);
        Poetry = new PoetryCommands(Options.PoetryExecutable);
        _project = new(() => ProjectMetadata.Read(Options.PythonProject.CombineWithFilePath("pyproject.toml").FullPath));
        _git = new(ReadGit);
        var probe = new DockerProbe(Runner, Docker, context.Environment.GetEnvironmentVariable);
        _engine = new(() => Options.DryRun ? new DockerEngine("not probed", "not probed", DockerBuilder.Unprobed) : probe.ProbeEngine());
        _compose = new(() => Options.DryRun ? ComposeClient.Unprobed(Options.DockerExecutable) : probe.ProbeCompose());

        // issue 6: input digests and parallel image builds.
        ImageInputs = new ImageInputs(Options.RepositoryRoot.FullPath, Runner, Docker,
            engineReachable: !Options.DryRun || ImageInputs.LocalEngineSocketExists(context.Environment.GetEnvironmentVariable("DOCKER_HOST")),
            findEngineApi: () => EngineApi.ForClientEngine(context.Environment.GetEnvironmentVariable, ImageInputs.InspectTimeout));
        ImageBuilds = new ParallelImageBuilds(line => Log.Information("{0}", line));
    }

    /// <summary>Input digests of the images and the engine's view of them (issue 6).</summary>
    public ImageInputs ImageInputs { get; }

    /// <summary>Starts the two images of a target together when the builder allows it (issue 6).</summary>
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

    /// <summary>What this run did, for artifacts/build-report.json and the GitHub Actions summary (issue 7).</summary>
    public BuildReport Report { get; } = new();

    /// <summary>
    /// The names of the tasks Cake will run (set at Setup from Cake's own plan; empty before). Image tasks ask it
    /// whether their partner runs too (parallel builds, issue 6): no reflection over the assembly at run time.
    /// </summary>
    public IReadOnlySet<string> PlannedTasks { get; private set; } = new HashSet<string>();

    /// <summary>Records Cake's plan: for the image tasks here, and as the report's task list.</summary>
    internal void Plan(IReadOnlyList<string> tasks)
    {
        PlannedTasks = new HashSet<string>(tasks, StringComparer.OrdinalIgnoreCase);
        Report.Plan(tasks);
    }

    public CommandRunner Runner { get; }

    public DockerCommands Docker { get; }

    public PoetryCommands Poetry { get; }

    public ProjectMetadata Project => _project.Value;

    public GitFacts Git => _git.Value;

    /// <summary>The engine, its versions and the builder to use; in a dry run nothing is probed.</summary>
    public DockerEngine Engine => _engine.Value;

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
