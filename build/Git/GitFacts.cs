namespace Build.Git;

/// <summary>
/// What the images record about the source: the commit (sha, time), the branch or tag, whether the work tree
/// had uncommitted changes. <see cref="None"/> stands for "not a git repository": the build still works.
/// </summary>
public sealed record GitFacts(
    string? Sha,
    string? Branch,
    string? Tag,
    bool Dirty,
    DateTimeOffset? CommitTime,
    string? RemoteUrl)
{
    public static readonly GitFacts None = new(null, null, null, false, null, null);

    public bool IsRepository => Sha is not null;

    public string? ShortSha => Sha?[..7];

    /// <summary>The ref the image was built from: the tag when HEAD is tagged, else the branch.</summary>
    public string? RefName => Tag ?? Branch;
}
