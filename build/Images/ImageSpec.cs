namespace Build.Images;

/// <summary>The three kinds of image the suite builds, each from its own Dockerfile stage.</summary>
public enum ImageFlavour
{
    /// <summary>deployment/Dockerfile.&lt;service&gt;, stage development: dev dependencies, hot reload.</summary>
    Development,

    /// <summary>deployment/Dockerfile.&lt;service&gt;, stage production: main dependencies, non-root.</summary>
    Production,

    /// <summary>docker/bridge-nodes/Dockerfile.&lt;service&gt;, stage runtime: only the venv and the code.</summary>
    Slim,
}

/// <summary>
/// Everything `docker build` needs to make one image, computed once from the options, pyproject.toml and git.
/// Paths are relative to the repository root, which is the build context and the working directory.
/// </summary>
public sealed record ImageSpec(
    string Service,
    ImageFlavour Flavour,
    string Repository,
    string Dockerfile,
    string Stage,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> BuildArgs)
{
    /// <summary>The image's name in messages and reports: orchestrator:prod.</summary>
    public string PrimaryReference => $"{Repository}:{Tags[0]}";

    public IEnumerable<string> References => Tags.Select(tag => $"{Repository}:{tag}");
}
