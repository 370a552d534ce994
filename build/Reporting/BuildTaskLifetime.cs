using Cake.Common.Build;
using Cake.Frosting;

namespace Build.Reporting;

/// <summary>
/// Around every task: under GitHub Actions its output goes into a collapsible <c>::group::Task</c>…<c>::endgroup::</c>;
/// on every run its status and duration go into <see cref="BuildContext.Report"/>.
/// The host calls task lifetimes only in real runs; in a dry run the same two methods run from Cake's engine events
/// (raised around each task by the engine whatever the execution strategy), so a dry run groups the same way.
/// </summary>
public sealed class BuildTaskLifetime : FrostingTaskLifetime<BuildContext>
{
    private readonly bool _dryRun;

    public BuildTaskLifetime(ICakeEngine engine, FrostingDryRun dryRun, BuildContext context)
    {
        _dryRun = dryRun.IsDryRun;
        if (_dryRun)
        {
            engine.BeforeTaskSetup += (_, e) => Setup(context, e.TaskSetupContext);
            engine.AfterTaskTeardown += (_, e) => Teardown(context, e.TaskTeardownContext);
        }
    }

    public override void Setup(BuildContext context, ITaskSetupContext info)
    {
        if (context.GitHubActions().IsRunningOnGitHubActions)
        {
            context.GitHubActions().Commands.StartGroup(info.Task.Name);
        }

        // After a signal no further task starts; the closing line names the task that was next.
        context.Interruption.Enter(info.Task.Name);
    }

    public override void Teardown(BuildContext context, ITaskTeardownContext info)
    {
        var status = context.Interruption.Requested && !info.Successful ? TaskStatuses.Interrupted : Status(info.Skipped, info.Successful, _dryRun);
        context.Report.Task(info.Task.Name, status, info.Duration);
        if (status is TaskStatuses.Failed or TaskStatuses.Interrupted && info.ThrownException is { } exception)
        {
            context.Report.Fail(BuildFailure.From(exception));
        }

        if (context.GitHubActions().IsRunningOnGitHubActions)
        {
            context.GitHubActions().Commands.EndGroup();
        }
    }

    public static string Status(bool skipped, bool successful, bool dryRun) =>
        skipped ? TaskStatuses.Skipped
        : dryRun ? TaskStatuses.Planned
        : successful ? TaskStatuses.Succeeded
        : TaskStatuses.Failed;
}
