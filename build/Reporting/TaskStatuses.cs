namespace Build.Reporting;

/// <summary>Status of a task in the report.</summary>
public static class TaskStatuses
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    /// <summary>A dry run listed it; nothing ran.</summary>
    public const string Planned = "planned";
    /// <summary>It was to run, but an earlier task failed.</summary>
    public const string NotRun = "notRun";
}
