using Build.Images;
using Cake.Frosting;

namespace Build.TaskFacts;

/// <summary>
/// The facts of every task, read from the attributes on the task classes: a task states what it builds, what an
/// interruption leaves, whether it reads pyproject.toml's version and which stage it fixes, so that adding a task is
/// one file. The planner, the parser, the interruption's closing line and the lifetime ask here by task name.
/// </summary>
[TaskList]
public sealed partial class TaskCatalog
{
    private readonly Dictionary<string, TaskFact> _byName;

    public TaskCatalog(IEnumerable<TaskFact> facts)
    {
        All = [.. facts];
        _byName = All.ToDictionary(fact => fact.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The tasks of this build, read once on first use.</summary>
    public static TaskCatalog OfThisBuild => Lazy.Value;

    public IReadOnlyList<TaskFact> All { get; }

    /// <summary>Every task that builds an image, in name order.</summary>
    public IReadOnlyList<string> ImageTasks => [.. All.Where(fact => fact.Image is not null).Select(fact => fact.Name).Order(StringComparer.Ordinal)];

    /// <summary>The facts of a task by name (any case), or null for a name that is no task.</summary>
    public TaskFact? Of(string? task) => task is not null && _byName.TryGetValue(task, out var fact) ? fact : null;

    /// <summary>Whether <paramref name="task"/> builds an image.</summary>
    public bool BuildsAnImage(string? task) => Of(task)?.Image is not null;

    /// <summary>What an interruption during <paramref name="task"/> leaves, for the closing line.</summary>
    public string StateLeft(string? task) => Of(task)?.StateLeft ?? "Nothing was changed.";

    /// <summary>The task that builds an image: its service's stage task, or its slim task.</summary>
    public string TaskOf(ImageSpec spec) => All.Single(fact => fact.Image?.Builds(spec) == true).Name;

    /// <summary>The targets that fix the build target at <paramref name="stage"/>, in name order.</summary>
    public IReadOnlyList<string> FixingStage(ImageFlavour stage) =>
        [.. All.Where(fact => fact.FixedStage == stage).Select(fact => fact.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The other services whose image task of the same kind (stage or slim) Cake planned for this run: their images may
    /// be built together with <paramref name="spec"/>.
    /// </summary>
    public IReadOnlyList<string> PartnersInPlan(ImageSpec spec, IReadOnlySet<string> plannedTasks)
    {
        var own = Of(TaskOf(spec))!.Image!;
        return [.. All.Where(fact => fact.Image is { } image && image.Service != own.Service && image.SameKind(own) && plannedTasks.Contains(fact.Name))
            .Select(fact => fact.Image!.Service)
            .OrderBy(service => IndexOfService(service))];
    }

    /// <summary>The facts of one task class, from its attributes (those of its base classes included).</summary>
    public static TaskFact Read(FrostingTaskClass taskClass) => new(
        taskClass.Attribute<TaskNameAttribute>()?.Name ?? taskClass.Type.Name,
        taskClass.Attribute<LeavesWhenInterruptedAttribute>()?.State,
        taskClass.Attribute<ReadsProjectVersionAttribute>() is not null,
        taskClass.Attribute<FixesStageAttribute>()?.Stage,
        taskClass.Attribute<BuildsImageAttribute>()?.Image,
        taskClass.Attribute<NeedsScalePlanAttribute>() is not null);

    /// <summary>The facts of a task class of this build (its attributes as the compiler listed them), else read by reflection.</summary>
    public static TaskFact Read(Type taskType) =>
        Read(TaskClasses.FirstOrDefault(taskClass => taskClass.Type == taskType) ?? FrostingTaskClass.Reflected(taskType));

    private static int IndexOfService(string service) => ImageTable.ServiceNames.ToList().IndexOf(service);

    private static readonly Lazy<FrostingTaskClass[]> Classes = new(TaskClassList);

    private static readonly Lazy<TaskCatalog> Lazy = new(() => new TaskCatalog(Classes.Value.Select(Read)));

    /// <summary>The task classes of this build with their attributes, listed once: the catalog reads their facts, the host runs them.</summary>
    public static IReadOnlyList<FrostingTaskClass> TaskClasses => Classes.Value;

    // Every non-abstract task class of this assembly with its attributes, listed by the compiler
    // (build/Generators/TaskListGenerator.cs): enumerating the assembly's types and reading attributes by reflection
    // were the largest parts of a native host's start-up.
    private static partial FrostingTaskClass[] TaskClassList();
}
