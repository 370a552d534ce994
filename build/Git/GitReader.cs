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
    /// <param name="factsCache">
    /// Where a read that does not ask for the status keeps its facts for the next run (<see cref="GitFactsCache"/>);
    /// null reads the repository every time.
    /// </param>
    public static GitFacts Read(string directory, bool checkDirty = true, string? factsCache = null)
    {
        if (FindWorkTree(directory) is not { } workTree)
        {
            return GitFacts.None;
        }

        return checkDirty || factsCache is null
            ? ReadRepository(workTree, checkDirty)
            : GitFactsCache.ReadThrough(factsCache, workTree, () => ReadRepository(workTree, checkDirty: false));
    }

    private static GitFacts ReadRepository(string workTree, bool checkDirty)
    {
        using var repository = Open(workTree);
        if (repository is null)
        {
            return GitFacts.None;
        }

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

    /// <summary>
    /// The nearest folder, from <paramref name="directory"/> upwards, with a <c>.git</c> folder or file (a worktree's
    /// or a submodule's gitlink), as git looks for it. Not <c>Repository.Discover</c>: under Native AOT its result
    /// buffer comes back empty (libgit2 writes into a class the AOT marshaller copies instead of pinning), so the
    /// native host would see no repository at all.
    /// </summary>
    public static string? FindWorkTree(string directory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(directory)); folder is not null; folder = folder.Parent)
        {
            var dotGit = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>The repository at <paramref name="workTree"/>; null when its .git is not one (opened once, not validated first).</summary>
    private static Repository? Open(string workTree)
    {
        try
        {
            return new Repository(workTree);
        }
        catch (RepositoryNotFoundException)
        {
            return null;
        }
    }
}
