using Build.Images;
using Build.Stack;
using Build.Swarm;

namespace Build.Reporting;

/// <summary>
/// Collects what happened in one run: the task lifetime adds tasks, the tasks add images, the lock and the stack.
/// Owned by <see cref="BuildContext.Report"/>; written by the build lifetime at the end of every run, failed or not.
/// Thread-safe: image tasks may run in parallel.
/// </summary>
public sealed class BuildReport
{
    private readonly object _gate = new();
    private readonly List<string> _planned = [];
    private readonly Dictionary<string, TaskEntry> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImageEntry> _images = [];
    private LockEntry? _lock;
    private ComposeEntry? _compose;
    private StackEntry? _stack;
    private BuildFailure? _failure;

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

    public void Task(string name, string status, TimeSpan duration, string? skipReason = null)
    {
        lock (_gate)
        {
            _tasks[name] = new TaskEntry(name, status, Math.Round(duration.TotalSeconds, 3), skipReason);
            if (!_planned.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                _planned.Add(name);
            }
        }
    }

    /// <summary>An image was built: its id (<c>sha256:…</c>) and size from <c>docker image inspect</c>.</summary>
    public void ImageBuilt(ImageSpec spec, string? digest, long? sizeBytes, string? inputDigest = null) =>
        AddImage(Entry(spec, ImageStatuses.Built) with { Digest = digest, SizeBytes = sizeBytes, InputDigest = inputDigest });

    /// <summary>An image was not built (up to date, or its task skipped), and why.</summary>
    public void ImageSkipped(ImageSpec spec, string reason, string? digest = null, long? sizeBytes = null, string? inputDigest = null) =>
        AddImage(Entry(spec, ImageStatuses.Skipped) with { Reason = reason, Digest = digest, SizeBytes = sizeBytes, InputDigest = inputDigest });

    /// <summary>A dry run would build this image.</summary>
    public void ImagePlanned(ImageSpec spec) => AddImage(Entry(spec, ImageStatuses.Planned));

    /// <summary>The state of poetry.lock (fresh, stale, missing, regenerated …) and one line about it.</summary>
    public void Lock(string state, string detail)
    {
        lock (_gate)
        {
            _lock = new LockEntry(state, detail);
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

    /// <summary>The swarm stack after Deploy: per service desired and running replicas, image, and the running tasks.</summary>
    public void Stack(StackEntry stack)
    {
        lock (_gate)
        {
            _stack = stack;
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

    /// <summary>The report as it stands; tasks planned but never torn down are "notRun" (or "planned" in a dry run).</summary>
    public BuildReportDocument Snapshot(string target, bool dryRun, DateTimeOffset now, string? version, string? sha)
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
                DryRun: dryRun,
                Status: failed ? TaskStatuses.Failed : TaskStatuses.Succeeded,
                StartedAt: StartedAt,
                DurationSeconds: Math.Round((now - StartedAt).TotalSeconds, 3),
                Version: version,
                Sha: sha,
                Failure: _failure,
                Tasks: tasks,
                Images: _images.ToArray(),
                Lock: _lock,
                Compose: _compose,
                Stack: _stack);
        }
    }

    private static ImageEntry Entry(ImageSpec spec, string status) =>
        new(spec.PrimaryReference, spec.Service, spec.Flavour.ToString().ToLowerInvariant(), spec.Repository, spec.Tags, spec.Dockerfile, status);

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
