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
    /// <summary>--cache-from values: an image (its inline cache) or an exported cache (type=local,src=…, type=gha,…).</summary>
    public IReadOnlyList<string> CacheFrom { get; init; } = [];

    /// <summary>--cache-to values (buildx only): where the build exports its layer cache.</summary>
    public IReadOnlyList<string> CacheTo { get; init; } = [];
    public DockerBuilder Builder { get; init; } = DockerBuilder.Unprobed;

    /// <summary>--network of the RUN steps: "host" when they must reach a service on the build machine's loopback.</summary>
    public string? Network { get; init; }

    /// <summary>BuildKit secrets (only BuildKit can mount them; the legacy builder is refused before it starts).</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>
    /// The commit's time as the SOURCE_DATE_EPOCH build argument: BuildKit stamps the image config and history with it,
    /// and the Dockerfiles clamp the files they make to it (the same commit gives the same image manifest).
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>buildx --attest values (provenance, SBOM): only buildx on an engine with the containerd image store takes them.</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>
    /// Whether BuildKit writes its inline cache metadata into the image config (BUILDKIT_INLINE_CACHE=1), for a later
    /// --cache-from. Off for reproducible builds: the metadata carries the time each layer was made.
    /// </summary>
    public bool InlineCache { get; init; } = true;

    /// <summary>BuildKit's --progress; plain keeps parallel builds' output readable line by line.</summary>
    public string? Progress { get; init; }
}
