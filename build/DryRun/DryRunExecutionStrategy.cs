using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.DryRun;

/// <summary>
/// How the engine walks the graph in the build's dry run: each task is numbered in the order it would run and then
/// run, which is safe because the dry run's services (<see cref="DryRunServices"/>) print every command and tell every
/// other side effect instead of making it; the tasks that say more (EnsureLock's verdict, Verify's checks) say it there.
/// Task setup and teardown run as in a real run (the report and the GitHub Actions groups); error and finally
/// handlers do not, because nothing ran that they could mend. Without a task table (<c>--no-report</c>) the dry run's
/// closing lines follow the teardown here (<see cref="DryRunClosing"/>).
/// </summary>
public sealed class DryRunExecutionStrategy(ICakeLog log, BuildContext context) : IExecutionStrategy
{
    /// <summary>What a skipped task shows when its ShouldRun gave no reason.</summary>
    public const string DefaultSkipReason = "ShouldRun returned false";

    private int _counter = 1;

    public void PerformSetup(Action<ISetupContext> action, ISetupContext setupContext)
    {
        ArgumentNullException.ThrowIfNull(action);
        log.Information("Performing dry run...");
        log.Information("Targets are: {0}", string.Join(", ", context.Targets));
        log.Information(string.Empty);
        action(setupContext);
    }

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action(teardownContext);
        }
        finally
        {
            if (!DryRunClosing.TablePrinted(context.Configuration))
            {
                DryRunClosing.Write(log);
            }
        }
    }

    public Task ExecuteAsync(CakeTask task, ICakeContext cakeContext)
    {
        ArgumentNullException.ThrowIfNull(task);
        log.Information("{0}. {1}", _counter++, task.Name);
        return task.Execute(cakeContext);
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(task);
        var reason = !string.IsNullOrWhiteSpace(criteria?.Message) ? criteria.Message : context.TakeSkipReason() ?? DefaultSkipReason;
        log.Information("{0}. {1} (skipped: {2})", _counter++, task.Name, reason);
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => Task.CompletedTask;

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) => Task.CompletedTask;

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => Task.CompletedTask;

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext)
    {
        ArgumentNullException.ThrowIfNull(action);
        action(taskSetupContext);
    }

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext)
    {
        ArgumentNullException.ThrowIfNull(action);
        action(taskTeardownContext);
    }
}
