namespace Build.Tools.Docker.Documents;

/// <summary>A configured health check: its test (<c>["CMD-SHELL", "…"]</c>; <c>["NONE"]</c> switches an inherited one off).</summary>
public sealed record HealthcheckDocument
{
    public string[]? Test { get; init; }
}
