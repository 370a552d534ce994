namespace Build.Tools.Docker.Documents;

/// <summary>A service's spec: its full name (stack_service), what its tasks run, and how many.</summary>
public sealed record ServiceSpecDocument
{
    public string? Name { get; init; }

    public TaskSpecDocument? TaskTemplate { get; init; }

    public ServiceModeDocument? Mode { get; init; }
}
