using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Build.Images;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// The image tasks that may build at the same time (issue 6), and whether a task is part of this run's plan,
/// read from the same [IsDependentOn]/[IsDependeeOf] attributes Cake builds its graph from.
/// </summary>
public static class ImagePairs
{
    public static readonly IReadOnlyList<(Type First, Type Second)> Pairs =
    [
        (typeof(BuildOrchestrator), typeof(BuildReducer)),
        (typeof(BuildSlimOrchestrator), typeof(BuildSlimReducer)),
    ];

    public static Type? PartnerOf(Type task) =>
        Pairs.FirstOrDefault(pair => pair.First == task).Second
        ?? Pairs.FirstOrDefault(pair => pair.Second == task).First;

    /// <summary>The image of <paramref name="task"/>'s pair task when that task is in this run's plan, else null.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Image task types are in the build assembly, which the native build roots whole (TrimmerRootAssembly in Build.csproj).")]
    public static ImageSpec? PartnerInPlan(BuildContext context, ImageTask task) =>
        PartnerTaskInPlan(task.GetType(), context.PlannedTasks) is { } partner ? ((ImageTask)Activator.CreateInstance(partner)!).Spec(context) : null;

    /// <summary>
    /// <paramref name="task"/>'s pair task type when Cake planned it for this run (<paramref name="planned"/>: the
    /// task names Cake passed to Setup, so <c>--exclusive</c> and dependee edges are Cake's own answer), else null.
    /// </summary>
    public static Type? PartnerTaskInPlan(Type task, IReadOnlySet<string> planned) =>
        PartnerOf(task) is { } partner && planned.Contains(TaskName(partner)) ? partner : null;

    private static string TaskName(Type task) => task.GetCustomAttribute<TaskNameAttribute>()?.Name ?? task.Name;

    /// <summary>
    /// The images built together with <paramref name="spec"/>: empty (sequential) in a dry run, with --parallel=false,
    /// without a partner in the plan, when either image is up to date (nothing to overlap; this is decided before
    /// the engine is probed, so an unchanged run never pays for the probe) and with the legacy builder.
    /// </summary>
    public static IReadOnlyList<ImageSpec> ParallelPartners(BuildContext context, ImageSpec spec, ImageSpec? partner)
    {
        if (context.Options.DryRun || !context.Options.Parallel || partner is null)
        {
            return [];
        }

        var inputs = context.ImageInputs;
        if (inputs.Freshness(spec, context.Options.Force).Skips || inputs.Freshness(partner, context.Options.Force).Skips
            || !context.BuilderChoice.Builder.IsBuildKit())
        {
            return [];
        }

        return [partner];
    }
}
