using Cake.Common.Build;
using Cake.Frosting;

namespace Build.Reporting;

/// <summary>
/// Around every task: under GitHub Actions its output goes into a collapsible <c>::group::Task</c>…<c>::endgroup::</c>;
/// on every run its status and duration go into <see cref="BuildContext.Report"/>.
/// The build's dry run calls them too (its execution strategy runs task setup and teardown), so a dry run groups the same way.
/// </summary>
public sealed class BuildTaskLifetime : FrostingTaskLifetime<BuildContext>
{
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
        var status = context.Interruption.Requested && !info.Successful ? TaskStatuses.Interrupted : context.Report.TaskStatus(info.Skipped, info.Successful);
        context.Report.Task(info.Task.Name, status, info.Duration,
            status == TaskStatuses.Skipped ? context.SkipReason(info.Task.Name) : null, DateTimeOffset.UtcNow);
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
