using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>
/// Dry-run strategy (Cake's own DryRunExecutionStrategy is internal): lists each task in dependency order,
/// calls <see cref="IDryRunnable{T}.DryRun"/> instead of Run when the task implements it, and reports skipped
/// tasks with their reason. Setup/teardown run as in Cake's dry run; task setup/teardown, error and finally
/// handlers do not.
/// </summary>
internal sealed class FrostingDryRunExecutionStrategy : IExecutionStrategy
{
    private readonly ICakeLog _log;
    private readonly IReadOnlyDictionary<string, IFrostingTask> _tasks;
    private readonly IFrostingContext _context;
    private readonly SkipReasons _skipReasons;
    private int _counter = 1;

    public FrostingDryRunExecutionStrategy(ICakeLog log, IReadOnlyDictionary<string, IFrostingTask> tasks, IFrostingContext context, SkipReasons skipReasons)
    {
        _log = log;
        _tasks = tasks;
        _context = context;
        _skipReasons = skipReasons;
    }

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) => action(context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext) => action(teardownContext);

    public Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(task);
        _log.Information("{0}. {1}", _counter++, task.Name);
        if (_tasks.TryGetValue(task.Name, out var frostingTask))
        {
            DescribeTask(frostingTask);
        }

        return Task.CompletedTask;
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(task);
        var reason = string.IsNullOrWhiteSpace(criteria?.Message) ? _skipReasons.Get(task.Name) ?? SkipReasons.Default : criteria.Message;
        _log.Information("{0}. {1} (skipped: {2})", _counter++, task.Name, reason);
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => Task.CompletedTask;

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) => Task.CompletedTask;

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => Task.CompletedTask;

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext)
    {
    }

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext)
    {
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Task types live in assemblies the native build roots whole (TrimmerRootAssembly in Build.csproj): their constructors, methods and interfaces are all kept.")]
    private void DescribeTask(IFrostingTask task)
    {
        var dryRunnable = task.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDryRunnable<>));
        if (dryRunnable is null)
        {
            return;
        }

        var contextType = dryRunnable.GetGenericArguments()[0];
        if (!contextType.IsInstanceOfType(_context))
        {
            throw new CakeException($"{task.GetType().Name} implements IDryRunnable<{contextType.Name}>, but the build context is {_context.GetType().Name}.");
        }

        dryRunnable.GetMethod(nameof(IDryRunnable<ICakeContext>.DryRun))!
            .Invoke(task, BindingFlags.DoNotWrapExceptions, binder: null, [_context], culture: null);
    }
}
