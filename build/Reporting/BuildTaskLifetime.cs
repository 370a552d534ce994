using Cake.Common.Build;
using Cake.Frosting;

namespace Build.Reporting;

/// <summary>
/// Around every task: under GitHub Actions its output goes into a collapsible <c>::group::Task</c>…<c>::endgroup::</c>;
/// on every run its status and duration go into <see cref="BuildContext.Report"/>.
/// The build's dry run calls them too (see <see cref="DryRun.DryRunExecutionStrategy"/>), so a dry run groups the same way.
/// </summary>
public sealed class BuildTaskLifetime : FrostingTaskLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ITaskSetupContext info)
    {
        if (context.GitHubActions().IsRunningOnGitHubActions)
        {
            context.GitHubActions().Commands.StartGroup(info.Task.Name);
        }
    }

    public override void Teardown(BuildContext context, ITaskTeardownContext info)
    {
        var status = Status(info.Skipped, info.Successful, context.Options.DryRun);
        context.Report.Task(info.Task.Name, status, info.Duration, status == TaskStatuses.Skipped ? context.SkipReason(info.Task.Name) : null, DateTimeOffset.UtcNow);
        if (status == TaskStatuses.Failed && info.ThrownException is { } exception)
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
