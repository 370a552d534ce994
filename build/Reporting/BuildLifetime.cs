using Build.TaskFacts;
using Cake.Common.Build;
using Cake.Common.Build.GitHubActions.Data;
using Cake.Core.Diagnostics;
using Build.Verification;
using Cake.Frosting;

namespace Build.Reporting;

/// <summary>
/// Around the whole run: plans the report's task list at setup; at teardown (also after a failure, also in a dry
/// run) writes the build report and, under GitHub Actions, the error annotation, the step summary and the outputs.
/// A failure here is logged, never thrown: it must not hide the build's own result.
/// </summary>
public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        var planned = info.TasksToExecute.Select(task => task.Name).ToList();
        context.Plan(planned);
        var targets = TaskGraph.Targets(context.Arguments.GetArguments("target").DefaultIfEmpty(info.TargetTask.Name), planned);
        context.Report.Graph(targets, TaskGraph.Edges(info.TasksToExecute));
        context.Report.SizeBudget(ImageVerifier.Budget(context.Configuration));

        // The options alone cannot tell that Scale has no counts (--scale is optional for Deploy): the plan can.
        var plannedFacts = context.PlannedTasks.Select(TaskCatalog.OfThisBuild.Of).OfType<TaskFact>().ToList();
        if (plannedFacts.FirstOrDefault(task => task.NeedsScalePlan) is { } scaling && context.Options.Scale.IsEmpty)
        {
            throw BuildErrors.BadOption(
                $"{scaling.Name} needs at least one --{Context.OptionNames.Scale}=SERVICE=COUNT, for example --scale=orchestrator=3 --scale=reducer=2.");
        }

        // pyproject.toml's version names every image: a bad one is bad input, refused before the first task runs
        // (a millisecond of reading), not after the lock check.
        if (plannedFacts.Any(task => task.ReadsProjectVersion))
        {
            _ = context.Project;
        }
    }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        if (context.Report.Failure is null && info.ThrownException is { } thrown)
        {
            context.Report.Fail(BuildFailure.From(thrown is CakeReportException { InnerException: { } inner } ? inner : thrown));
        }

        var report = context.Report.Snapshot(context.Target, DateTimeOffset.UtcNow, Safely(() => context.Project.Version), Safely(() => context.Git.Sha),
            context.Interruption.Requested);
        try
        {
            BuildReportWriter.Write(context.Options.ReportPath.FullPath, report);
            context.Log.Information("Build report: {0}, {1}",
                context.Relative(context.Options.ReportPath.FullPath),
                context.Relative(BuildReportWriter.HtmlPath(context.Options.ReportPath.FullPath)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Log.Warning("The build report could not be written to {0}: {1}", context.Options.ReportPath.FullPath, exception.Message);
        }

        var github = context.GitHubActions();
        if (!github.IsRunningOnGitHubActions)
        {
            return;
        }

        if (report.Failure is { } failure)
        {
            var annotation = new GitHubActionsAnnotation { File = failure.File, StartLine = failure.Line, Title = $"{context.Target} failed" };
            github.Commands.Error(failure.Message, annotation);
        }

        try
        {
            if (github.Environment.Runtime.StepSummary is { } summary)
            {
                File.AppendAllText(summary.FullPath, StepSummary.Render(report));
            }

            if (github.Environment.Runtime.OutputPath is { } outputs)
            {
                File.AppendAllText(outputs.FullPath, GitHubOutputs.Format(GitHubOutputs.From(report), GitHubOutputs.NewDelimiter()));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Log.Warning("The GitHub Actions summary or outputs could not be written: {0}", exception.Message);
        }
    }

    /// <summary>A fact for the report that may be unavailable (a broken pyproject, no git): null then.</summary>
    private static string? Safely(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }
}
