namespace Build.Tools.Docker.Documents;

/// <summary>The Config of an image or a container (the same engine type for both): the parts this build reads.</summary>
public sealed record ConfigDocument
{
    public string? User { get; init; }

    public Dictionary<string, string?>? Labels { get; init; }

    public HealthcheckDocument? Healthcheck { get; init; }
}
