using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>
/// Dry-run strategy, as Cake.Frosting's (Cake's own DryRunExecutionStrategy is internal): lists each task in
/// dependency order and runs none of them, and reports skipped tasks with their reason. Setup/teardown run as in
/// Cake's dry run; task setup/teardown, error and finally handlers do not.
/// </summary>
internal sealed class FrostingDryRunExecutionStrategy : IExecutionStrategy
{
    private readonly ICakeLog _log;
    private readonly SkipReasons _skipReasons;
    private int _counter = 1;

    public FrostingDryRunExecutionStrategy(ICakeLog log, SkipReasons skipReasons)
    {
        _log = log;
        _skipReasons = skipReasons;
    }

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) => action(context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext) => action(teardownContext);

    public Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(task);
        _log.Information("{0}. {1}", _counter++, task.Name);
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

}
