namespace Build.Tools.Docker.Documents;

/// <summary>One published port; 0 when the engine has not given it one.</summary>
public sealed record PortDocument
{
    public int PublishedPort { get; init; }
}
