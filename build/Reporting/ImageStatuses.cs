namespace Build.Reporting;

/// <summary>Status of an image in the report.</summary>
public static class ImageStatuses
{
    public const string Built = "built";
    public const string Skipped = "skipped";
    /// <summary>A dry run would build it.</summary>
    public const string Planned = "planned";
    public const string Failed = "failed";
}
