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
    public static ImageSpec? PartnerInPlan(BuildContext context, ImageTask task)
    {
        if (PartnerOf(task.GetType()) is not { } partner)
        {
            return null;
        }

        // --exclusive needs no case: with it only the target runs, and no image task depends on its partner.
        return Plan(context.Target).Contains(partner) ? ((ImageTask)Activator.CreateInstance(partner)!).Spec(context) : null;
    }

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
            || !context.Engine.Builder.IsBuildKit())
        {
            return [];
        }

        return [partner];
    }

    /// <summary>Every task the target runs: the target, what it depends on, what declares itself a dependee of those.</summary>
    public static IReadOnlySet<Type> Plan(string target)
    {
        var tasks = typeof(ImagePairs).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<TaskNameAttribute>() is not null)
            .ToArray();
        var byName = tasks.ToDictionary(type => type.GetCustomAttribute<TaskNameAttribute>()!.Name, StringComparer.OrdinalIgnoreCase);
        var plan = new HashSet<Type>();
        if (!byName.TryGetValue(target, out var root))
        {
            return plan;
        }

        var dependencies = tasks.ToDictionary(type => type, type => type.GetCustomAttributes<IsDependentOnAttribute>().Select(a => a.Task).ToList());
        foreach (var type in tasks)
        {
            foreach (var dependee in type.GetCustomAttributes<IsDependeeOfAttribute>())
            {
                if (dependencies.TryGetValue(dependee.Task, out var list))
                {
                    list.Add(type);
                }
            }
        }

        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var task))
        {
            if (plan.Add(task) && dependencies.TryGetValue(task, out var next))
            {
                foreach (var dependency in next)
                {
                    pending.Push(dependency);
                }
            }
        }

        return plan;
    }
}
