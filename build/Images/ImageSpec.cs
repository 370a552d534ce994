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
    /// <summary>
    /// The commit's time in seconds (SOURCE_DATE_EPOCH of the build); null outside a git work tree. Not an input of the
    /// image's digest: an image whose inputs did not change since an earlier commit is kept, not rebuilt.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The image's name in messages and reports: orchestrator:prod.</summary>
    public string PrimaryReference => $"{Repository}:{Tags[0]}";

    public IEnumerable<string> References => Tags.Select(tag => $"{Repository}:{tag}");
}
