namespace Build.Reporting;

/// <summary>
/// What a task did, as the views show it: a colour class, a label and the reason. Decided here once for the HTML
/// report and the step summary. An image task whose images were all skipped by their input digest is "up to date".
/// </summary>
public sealed record TaskOutcome(string Class, string Label, string? Reason)
{
    public static TaskOutcome Of(TaskEntry task, IReadOnlyList<ImageEntry> images)
    {
        var own = images.Where(image => string.Equals(image.Task, task.Name, StringComparison.Ordinal)).ToList();
        return task.Status switch
        {
            TaskStatuses.Failed => new("failed", "failed", null),
            TaskStatuses.Skipped => new("skipped", "skipped", task.SkipReason),
            TaskStatuses.Planned => new("dryrun", "dry run", null),
            TaskStatuses.NotRun => new("notrun", "not run", "an earlier task failed"),
            _ when own.Count > 0 && own.All(image => image.Status == ImageStatuses.Skipped) =>
                new("uptodate", "up to date", $"{string.Join(", ", own.Select(image => image.Reason).Distinct())} (input digest)"),
            _ when own.Count > 0 => new("built", "built", null),
            _ => new("done", "succeeded", null),
        };
    }

    /// <summary>The colour class of an image's row and build bar.</summary>
    public static string ImageClass(ImageEntry image) =>
        image.Status switch { ImageStatuses.Built => "built", ImageStatuses.Skipped => "uptodate", ImageStatuses.Failed => "failed", _ => "dryrun" };
}
