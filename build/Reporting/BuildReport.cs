using Build.Images;
using Build.Provisioning;
using Build.Stack;
using Build.SupplyChain;
using Build.Verification;

namespace Build.Reporting;

/// <summary>
/// Collects what happened in one run: the task lifetime adds tasks, the tasks add images, the lock and the stack.
/// Owned by <see cref="BuildContext.Report"/>; written by the build lifetime at the end of every run, failed or not.
/// Thread-safe: image tasks may run in parallel.
/// </summary>
/// <param name="dryRun">Whether this is the report of a dry run (a plan): the dry run registers it so, once.</param>
public sealed class BuildReport(bool dryRun = false)
{
    private readonly object _gate = new();
    private readonly List<string> _planned = [];
    private readonly Dictionary<string, TaskEntry> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImageEntry> _images = [];
    private LockEntry? _lock;
    private readonly Dictionary<string, ImageTiming> _imageTimings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _imageTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _imageBases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SbomSummary> _imageSboms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _imageProvenance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _imageSignatures = new(StringComparer.Ordinal);
    private ComposeEntry? _compose;
    private EngineEntry? _engine;
    private StackEntry? _stack;
    private BuildFailure? _failure;
    private IReadOnlyList<string> _targets = [];
    private IReadOnlyList<TaskEdge> _edges = [];
    private VerifyBudget? _budget;
    private readonly List<ProvisioningEntry> _provisioning = [];

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The tasks Cake will run, in order (from the build setup).</summary>
    public void Plan(IEnumerable<string> tasks)
    {
        lock (_gate)
        {
            _planned.Clear();
            _planned.AddRange(tasks);
        }
    }

    /// <summary>The targets given on the command line and the edges between the planned tasks (from the build setup).</summary>
    public void Graph(IReadOnlyList<string> targets, IReadOnlyList<TaskEdge> edges)
    {
        lock (_gate)
        {
            _targets = targets.ToArray();
            _edges = edges.ToArray();
        }
    }

    /// <summary>Verify's size budgets: each production and slim image shows its size against its budget.</summary>
    public void SizeBudget(VerifyBudget budget)
    {
        lock (_gate)
        {
            _budget = budget;
        }
    }

    /// <summary>A provisioning step ended (see <see cref="ProvisioningPhase"/>); the task that needed it does not carry its time.</summary>
    public void Provisioned(ProvisioningEntry entry)
    {
        lock (_gate)
        {
            _provisioning.Add(entry);
        }
    }

    /// <summary>
    /// A task ended at <paramref name="end"/> after <paramref name="duration"/> (skipped: why). The provisioning that
    /// ran inside it is not its time: the task's bar starts where that ended and is that much shorter.
    /// </summary>
    public void Task(string name, string status, TimeSpan duration, string? skipReason = null, DateTimeOffset? end = null)
    {
        lock (_gate)
        {
            var endSeconds = ((end ?? DateTimeOffset.UtcNow) - StartedAt).TotalSeconds;
            var startSeconds = endSeconds - duration.TotalSeconds;
            var provisioning = _provisioning
                .Where(step => step.StartSeconds >= startSeconds - 0.001 && step.StartSeconds + step.Seconds <= endSeconds + 0.001)
                .Sum(step => step.Seconds);
            var own = TimeSpan.FromSeconds(Math.Max(0, duration.TotalSeconds - provisioning));
            _tasks[name] = new TaskEntry(name, status, Seconds(own), skipReason, Math.Max(0, Math.Round(endSeconds - own.TotalSeconds, 3)));
            if (!_planned.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                _planned.Add(name);
            }
        }
    }

    /// <summary>The task whose image <paramref name="spec"/> is (the timeline draws the image's build under it).</summary>
    public void ImageOfTask(string task, ImageSpec spec)
    {
        lock (_gate)
        {
            _imageTasks[spec.PrimaryReference] = task;
        }
    }

    /// <summary>The base images the image's Dockerfile starts its stages from (as its input digest counts them).</summary>
    public void ImageBaseImages(ImageSpec spec, IReadOnlyList<string> baseImages)
    {
        lock (_gate)
        {
            _imageBases[spec.PrimaryReference] = baseImages.ToArray();
        }
    }

    /// <summary>The SBOM of an image: written after its build, or kept from its last build when it was up to date.</summary>
    public void ImageSbom(ImageSpec spec, SbomSummary sbom)
    {
        lock (_gate)
        {
            _imageSboms[spec.PrimaryReference] = sbom;
        }
    }

    /// <summary>Whether the image's build attached BuildKit provenance (only engines with the containerd image store and buildx can).</summary>
    public void ImageProvenance(ImageSpec spec, bool attached)
    {
        lock (_gate)
        {
            _imageProvenance[spec.PrimaryReference] = attached;
        }
    }

    /// <summary>The image's cosign signature: signed (by Push), verified (by Deploy or Verify), or why not.</summary>
    public void ImageSignature(string imageName, string signature)
    {
        lock (_gate)
        {
            _imageSignatures[imageName] = signature;
        }
    }

    /// <summary>When the build of one image ran: inside a parallel build, the two images' times overlap.</summary>
    public void ImageTimed(ImageSpec spec, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            _imageTimings[spec.PrimaryReference] = new ImageTiming(Math.Max(0, Seconds(start - StartedAt)), Seconds(end - start));
        }
    }

    /// <summary>An image was built: its id (<c>sha256:…</c>) and size from <c>docker image inspect</c>.</summary>
    public void ImageBuilt(ImageSpec spec, string? digest, long? sizeBytes, string? inputDigest = null) =>
        AddImage(Entry(spec, ImageStatuses.Built) with { Digest = digest, SizeBytes = sizeBytes, InputDigest = inputDigest });

    /// <summary>An image was not built (up to date, or its task skipped), and why.</summary>
    public void ImageSkipped(ImageSpec spec, string reason, string? digest = null, long? sizeBytes = null, string? inputDigest = null) =>
        AddImage(Entry(spec, ImageStatuses.Skipped) with { Reason = reason, Digest = digest, SizeBytes = sizeBytes, InputDigest = inputDigest });

    /// <summary>Its <c>docker build</c> failed (the run's failure says why).</summary>
    public void ImageFailed(ImageSpec spec, string? inputDigest = null) =>
        AddImage(Entry(spec, ImageStatuses.Failed) with { Reason = "docker build failed", InputDigest = inputDigest });

    /// <summary>A dry run would build this image.</summary>
    public void ImagePlanned(ImageSpec spec, string? inputDigest = null) => AddImage(Entry(spec, ImageStatuses.Planned) with { InputDigest = inputDigest });

    /// <summary>The state of poetry.lock (fresh, stale, missing, regenerated …), one line about it, its rules and changes.</summary>
    public void Lock(LockEntry entry)
    {
        lock (_gate)
        {
            _lock = entry;
        }
    }

    /// <summary>The stack after ComposeUp or Scale: replicas and healthy containers per service.</summary>
    public void Compose(IReadOnlyList<ServiceHealth> services)
    {
        lock (_gate)
        {
            _compose = new ComposeEntry(services.ToArray());
        }
    }

    /// <summary>The swarm stack after a deploy: replicas per service and the node of each task.</summary>
    public void Stack(StackEntry stack)
    {
        lock (_gate)
        {
            _stack = stack;
        }
    }

    /// <summary>Records the engine the run resolved (once per run).</summary>
    public void Engine(EngineEntry engine)
    {
        lock (_gate)
        {
            _engine = engine;
        }
    }

    /// <summary>Adds what the run used of the engine (its builder, its Compose) once that is chosen.</summary>
    public void EngineUses(string? builder = null, string? compose = null)
    {
        lock (_gate)
        {
            _engine = _engine is null ? null : _engine with { Builder = builder ?? _engine.Builder, Compose = compose ?? _engine.Compose };
        }
    }

    /// <summary>The failure to report (the first one wins; the run stops at it).</summary>
    public void Fail(BuildFailure failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
        }
    }

    public BuildFailure? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>The report as it stands, of a real run or a dry run as this report was made.</summary>
    public BuildReportDocument Snapshot(string target, DateTimeOffset now, string? version, string? sha, bool interrupted = false) =>
        Snapshot(target, dryRun, now, version, sha, interrupted);

    /// <summary>A task's status from how it ended: planned, in a dry run's report, when it ran.</summary>
    public string TaskStatus(bool skipped, bool successful) => BuildTaskLifetime.Status(skipped, successful, dryRun);

    /// <summary>The report as it stands; tasks planned but never torn down are "notRun" (or "planned" in a dry run).</summary>
    public BuildReportDocument Snapshot(string target, bool dryRun, DateTimeOffset now, string? version, string? sha, bool interrupted = false)
    {
        lock (_gate)
        {
            var tasks = _planned
                .Select(name => _tasks.TryGetValue(name, out var entry) ? entry : new TaskEntry(name, dryRun ? TaskStatuses.Planned : TaskStatuses.NotRun, 0))
                .ToArray();
            var failed = _failure is not null || tasks.Any(task => task.Status == TaskStatuses.Failed);
            return new BuildReportDocument(
                SchemaVersion: 1,
                Target: target,
                IsPlan: dryRun,
                Status: interrupted ? TaskStatuses.Interrupted : failed ? TaskStatuses.Failed : TaskStatuses.Succeeded,
                StartedAt: StartedAt,
                DurationSeconds: Math.Round((now - StartedAt).TotalSeconds, 3),
                Version: version,
                Sha: sha,
                Failure: _failure,
                Tasks: tasks,
                Images: _images.Select(image => image with
                {
                    Task = _imageTasks.GetValueOrDefault(image.Name),
                    Build = _imageTimings.GetValueOrDefault(image.Name),
                    BaseImages = _imageBases.GetValueOrDefault(image.Name),
                    Provenance = _imageProvenance.TryGetValue(image.Name, out var provenance) ? provenance : null,
                    Sbom = _imageSboms.GetValueOrDefault(image.Name),
                    Signature = _imageSignatures.GetValueOrDefault(image.Name),
                }).ToArray(),
                Lock: _lock,
                Compose: _compose,
                Targets: _targets,
                Edges: _edges,
                Stack: _stack,
                Engine: _engine,
                Provisioning: _provisioning.ToArray());
        }
    }

    private ImageEntry Entry(ImageSpec spec, string status)
    {
        lock (_gate)
        {
            return new(spec.PrimaryReference, spec.Service, spec.Flavour.ToString().ToLowerInvariant(), spec.Repository, spec.Tags, spec.Dockerfile, status)
            {
                // Verify budgets production and slim images only.
                SizeBudgetBytes = _budget is { } budget && spec.Flavour != ImageFlavour.Development ? budget.For(spec.Flavour) * 1_000_000L : null,
            };
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private void AddImage(ImageEntry entry)
    {
        lock (_gate)
        {
            // One line per image: a later fact (built after planned) replaces an earlier one.
            _images.RemoveAll(image => image.Name == entry.Name);
            _images.Add(entry);
        }
    }
}
