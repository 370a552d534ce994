using LibGit2Sharp;

namespace Build.Git;

/// <summary>Reads <see cref="GitFacts"/> with LibGit2Sharp (no git process). Called lazily, once per run.</summary>
public static class GitReader
{
    /// <param name="directory">Any folder inside the work tree.</param>
    /// <param name="checkDirty">
    /// Whether to ask for the work tree's status: it walks every file of the tree, the dearest part of the read, and
    /// only feeds a log line, so a dry run skips it.
    /// </param>
    public static GitFacts Read(string directory, bool checkDirty = true)
    {
        var path = Repository.Discover(directory);
        if (path is null)
        {
            return GitFacts.None;
        }

        using var repository = new Repository(path);
        var head = repository.Head;
        var commit = head.Tip;
        if (commit is null)
        {
            // A repository without commits yet: nothing to label the images with.
            return GitFacts.None;
        }

        var tag = repository.Tags.FirstOrDefault(t => (t.PeeledTarget as Commit)?.Sha == commit.Sha)?.FriendlyName;
        var branch = repository.Info.IsHeadDetached ? null : head.FriendlyName;
        var dirty = checkDirty && repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false, RecurseUntrackedDirs = false }).IsDirty;
        var remote = repository.Network.Remotes["origin"]?.Url;
        return new GitFacts(commit.Sha, branch, tag, dirty, commit.Committer.When, remote);
    }
}
