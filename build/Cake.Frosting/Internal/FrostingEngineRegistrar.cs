using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>Registers Frosting tasks and lifetimes in Cake's <see cref="ICakeEngine"/> through its own task builder.</summary>
internal static class FrostingEngineRegistrar
{
    public static void RegisterTasks(
        ICakeEngine engine, IFrostingContext context, Func<Type, IFrostingTask> resolve, FrostingTaskInfo info, SkipReasons skipReasons, ICakeLog log)
    {
        // A task is made when Cake first asks it something (ShouldRun, Run): a run makes only the tasks it plans.
        foreach (var type in info.TaskTypes)
        {
            IFrostingTask Task() => resolve(type);
            var name = info.GetName(type);
            var builder = engine.RegisterTask(name);

            if (info.GetDescription(type) is { } description)
            {
                builder.Description(description);
            }

            foreach (var dependency in info.GetDependencies(type))
            {
                builder.IsDependentOn(NameOf(info, dependency, type, nameof(IsDependentOnAttribute)));
            }

            foreach (var dependee in info.GetDependees(type))
            {
                builder.IsDependeeOf(NameOf(info, dependee, type, nameof(IsDependeeOfAttribute)));
            }

            if (info.Overrides(type, nameof(FrostingTask<ICakeContext>.ShouldRun)))
            {
                builder.WithCriteria(_ =>
                {
                    var run = FrostingContextExtensions.EvaluateWithReason(() => Task().ShouldRun(context), out var reason);
                    if (!run)
                    {
                        skipReasons.Set(name, reason);
                        log.Verbose("Skipping task {0}: {1}", name, skipReasons.Get(name) ?? SkipReasons.Default);
                    }

                    return run;
                });
            }

            if (info.Overrides(type, nameof(FrostingTask<ICakeContext>.Run)) ||
                info.Overrides(type, nameof(AsyncFrostingTask<ICakeContext>.RunAsync)))
            {
                builder.Does(_ => Task().RunAsync(context));
            }

            // An error handler in Cake handles the error (the build goes on), as in stock Frosting.
            if (info.Overrides(type, nameof(FrostingTask<ICakeContext>.OnError)))
            {
                builder.OnError((Exception exception, ICakeContext _) => Task().OnError(exception, context));
            }
            else if (info.ContinuesOnError(type))
            {
                builder.ContinueOnError();
            }

            if (info.Overrides(type, nameof(FrostingTask<ICakeContext>.Finally)))
            {
                builder.Finally((ICakeContext _) => Task().Finally(context));
            }
        }

    }

    public static void RegisterLifetimes(
        ICakeEngine engine,
        IFrostingContext context,
        IReadOnlyList<IFrostingSetup> setups,
        IReadOnlyList<IFrostingTeardown> teardowns,
        IReadOnlyList<IFrostingTaskSetup> taskSetups,
        IReadOnlyList<IFrostingTaskTeardown> taskTeardowns)
    {
        // Cake keeps one action per hook: each runs every registered lifetime, in registration order.
        if (setups.Count > 0)
        {
            engine.RegisterSetupAction(Each<IFrostingSetup, ISetupContext>(setups, (setup, info) => setup.Setup(context, info)));
        }

        if (teardowns.Count > 0)
        {
            engine.RegisterTeardownAction(Each<IFrostingTeardown, ITeardownContext>(teardowns, (teardown, info) => teardown.Teardown(context, info)));
        }

        if (taskSetups.Count > 0)
        {
            engine.RegisterTaskSetupAction(Each<IFrostingTaskSetup, ITaskSetupContext>(taskSetups, (setup, info) => setup.Setup(context, info)));
        }

        if (taskTeardowns.Count > 0)
        {
            engine.RegisterTaskTeardownAction(
                Each<IFrostingTaskTeardown, ITaskTeardownContext>(taskTeardowns, (teardown, info) => teardown.Teardown(context, info)));
        }
    }

    private static Action<TInfo> Each<THook, TInfo>(IReadOnlyList<THook> hooks, Action<THook, TInfo> run) => info =>
    {
        foreach (var hook in hooks)
        {
            run(hook, info);
        }
    };

    private static string NameOf(FrostingTaskInfo info, Type referenced, Type owner, string attribute)
    {
        if (!FrostingTaskInfo.IsTaskType(referenced))
        {
            throw new CakeException(
                $"[{attribute.Replace("Attribute", string.Empty, StringComparison.Ordinal)}(typeof({referenced.Name}))] on {owner.Name}: " +
                $"{referenced.Name} is not a non-abstract Frosting task.");
        }

        return info.GetName(referenced);
    }
}
