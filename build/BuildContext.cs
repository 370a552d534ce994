using Build.Context;
using Build.Git;
using Build.Images;
using Build.Reporting;
using Build.Tools;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build;

/// <summary>
/// The facts of the run that every task shares: the options (parsed and validated here, before the first task
/// runs), the targets and Cake's plan, the repository's facts and the report. What has side effects (processes,
/// the engine, files) is a service of the container (<see cref="BuildServices"/>), handed to each task through its
/// constructor. pyproject.toml and git are read on first use and then kept, so a task that does not need them does
/// not pay for them.
/// </summary>
public sealed class BuildContext : FrostingContext, IDisposable
{
    private readonly Lazy<ProjectMetadata> _project;
    private readonly Lazy<GitFacts> _git;
    private readonly Dictionary<(string, ImageFlavour), ImageSpec> _images = [];

    private string? _skipReason;

    public BuildContext(ICakeContext context, BuildReport report, ISideEffects effects)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(effects);
        Report = report;
        Targets = context.Arguments.GetArguments("target").ToList();
        Target = Targets.LastOrDefault() ?? "Default";
        Options = BuildOptionsParser.Parse(context, Target);
        _project = new(() => ProjectMetadata.Read(Options.PythonProject.CombineWithFilePath("pyproject.toml").FullPath));
        // Whether the work tree has changes walks the whole tree: a dry run, which names no image by it, does not ask, and
        // reads the commit's facts kept from the last run while the refs are as they were.
        var root = Options.RepositoryRoot.FullPath;
        _git = new(() => Announce(effects.Make(() => GitReader.Read(root, checkDirty: true),
            () => GitReader.Read(root, checkDirty: false, Path.Combine(root, ".build", "git-facts")))));
    }

    /// <summary>SIGINT/SIGTERM of this run: listened for from the moment the options are valid.</summary>
    public Interruption Interruption { get; } = Interruption.Listen();

    /// <summary>The target given with --target (Default when none).</summary>
    public string Target { get; }

    /// <summary>Every --target given, in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    public BuildOptions Options { get; }

    /// <summary>What this run did, for artifacts/build-report.json and the GitHub Actions summary.</summary>
    public BuildReport Report { get; }

    /// <summary>
    /// The names of the tasks Cake will run (set at Setup from Cake's own plan; empty before). Image tasks ask it
    /// whether their partner runs too (parallel builds): no reflection over the assembly at run time.
    /// </summary>
    public IReadOnlySet<string> PlannedTasks { get; private set; } = new HashSet<string>();

    public ProjectMetadata Project => _project.Value;

    public GitFacts Git => _git.Value;

    /// <summary>The flavour that BuildOrchestrator/BuildReducer build: the build target's stage.</summary>
    public ImageFlavour TargetFlavour => ImageTable.Of(Options.BuildTarget).Flavour;

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

    /// <summary>Records Cake's plan: for the image tasks here, and as the report's task list.</summary>
    internal void Plan(IReadOnlyList<string> tasks)
    {
        PlannedTasks = new HashSet<string>(tasks, StringComparer.OrdinalIgnoreCase);
        Report.Plan(tasks);
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

    /// <summary>A path relative to the repository root, as commands show it.</summary>
    public string Relative(string path) => Path.GetRelativePath(Options.RepositoryRoot.FullPath, path).Replace('\\', '/');

    /// <summary>
    /// Ends the listening for signals: the host disposes the context after the teardown, so a host run inside
    /// another process (the in-process tests) leaves no signal handler behind.
    /// </summary>
    public void Dispose() => Interruption.Dispose();

    private GitFacts Announce(GitFacts facts)
    {
        if (!facts.IsRepository)
        {
            Log.Warning(
                "{0} is not a git repository (or has no commit yet): images get no sha-, branch or revision tags and labels.",
                Options.RepositoryRoot.FullPath);
        }
        else if (facts.Dirty)
        {
            Log.Information("The work tree has uncommitted changes: the sha-{0} tag names the last commit, not these changes.", facts.ShortSha);
        }

        return facts;
    }
}
