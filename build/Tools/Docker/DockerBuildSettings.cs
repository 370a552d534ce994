namespace Build.Tools.Docker;

/// <summary>The options of one `docker build`, in the order the command line takes them.</summary>
public sealed record DockerBuildSettings(string Dockerfile, string Context)
{
    public string? Target { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    public bool Pull { get; init; }
    public bool NoCache { get; init; }
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public DockerBuilder Builder { get; init; } = DockerBuilder.Unprobed;

    /// <summary>--network of the RUN steps: "host" when they must reach a service on the build machine's loopback.</summary>
    public string? Network { get; init; }

    /// <summary>BuildKit secrets (only BuildKit can mount them; the legacy builder is refused before it starts).</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>BuildKit's --progress; plain keeps parallel builds' output readable line by line.</summary>
    public string? Progress { get; init; }
}
