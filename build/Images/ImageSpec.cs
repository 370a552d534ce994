namespace Build.Images;

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
