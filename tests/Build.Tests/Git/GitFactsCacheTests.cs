using Build.Git;
using Build.Tests.Support;

namespace Build.Tests.Git;

/// <summary>
/// The kept commit facts against real repositories made with git: each change git can make to what the facts say
/// (a commit, a tag, a branch, origin, packed refs) must reach the next read, and nothing else may cost a repository read.
/// </summary>
public sealed class GitFactsCacheTests
{
    private TestRepository _repository = null!;
    private string _cache = null!;
    private int _reads;

    [SetUp]
    public void CreateRepository()
    {
        _repository = new TestRepository().Write("service.py", "print('one')\n");
        _cache = _repository.PathOf(".build/git-facts");
        _reads = 0;
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Commit("first");
    }

    [TearDown]
    public void RemoveRepository() => _repository.Dispose();

    [Test]
    public void An_unchanged_repository_is_read_once_and_then_from_the_file()
    {
        var first = Read();
        var second = Read();

        Assert.That((second, _reads), Is.EqualTo((first, 1)));
        Assert.That(first, Is.EqualTo(GitReader.Read(_repository.Root, checkDirty: false)));
    }

    [Test]
    public void A_new_commit_is_read_again()
    {
        var before = Read();
        Commit("second");

        Assert.That((Read().Sha, _reads), Is.EqualTo((Git("rev-parse", "HEAD"), 2)));
        Assert.That(before.Sha, Is.Not.EqualTo(Git("rev-parse", "HEAD")));
    }

    [TestCase("tag", "v1.0.0")]
    [TestCase("tag", "-a", "-m", "release", "v1.0.0")]
    public void A_tag_on_the_commit_is_read_again(params string[] tagCommand)
    {
        Assert.That(Read().Tag, Is.Null);
        Git(tagCommand);

        Assert.That(Read().Tag, Is.EqualTo("v1.0.0"));
    }

    [Test]
    public void A_tag_deleted_from_packed_refs_is_read_again()
    {
        Git("tag", "v1.0.0");
        Git("pack-refs", "--all");
        Assert.That(Read().Tag, Is.EqualTo("v1.0.0"));

        Git("tag", "-d", "v1.0.0");

        Assert.That(Read().Tag, Is.Null);
    }

    [Test]
    public void Another_branch_is_read_again()
    {
        Assert.That(Read().Branch, Is.EqualTo("main"));
        Git("checkout", "-q", "-b", "feature");

        Assert.That(Read().Branch, Is.EqualTo("feature"));
    }

    [Test]
    public void A_detached_head_has_no_branch()
    {
        Read();
        Git("checkout", "-q", "--detach");

        Assert.That(Read() is { Branch: null, Sha.Length: 40 }, Is.True);
    }

    [Test]
    public void Another_origin_is_read_again()
    {
        Git("remote", "add", "origin", "https://git.example/one.git");
        Assert.That(Read().RemoteUrl, Is.EqualTo("https://git.example/one.git"));

        Git("remote", "set-url", "origin", "https://git.example/two.git");

        Assert.That(Read().RemoteUrl, Is.EqualTo("https://git.example/two.git"));
    }

    [TestCase("not the cache's format\n")]
    [TestCase("omninode-git-facts 1\nfingerprint 00\nsha 1234\n")]
    [TestCase("")]
    public void A_file_that_is_not_the_caches_is_read_past_and_rewritten(string text)
    {
        Read();
        _repository.Write(".build/git-facts", text);

        var facts = Read();
        Read();

        Assert.That((facts.Sha, _reads), Is.EqualTo((Git("rev-parse", "HEAD"), 2)));
    }

    [Test]
    public void A_kept_file_with_a_garbled_sha_is_not_believed()
    {
        Read();
        var kept = File.ReadAllText(_cache);
        var sha = Git("rev-parse", "HEAD");
        _repository.Write(".build/git-facts", kept.Replace(sha, new string('z', 40), StringComparison.Ordinal));

        Assert.That((Read().Sha, _reads), Is.EqualTo((sha, 2)));
    }

    [Test]
    public void A_configuration_that_includes_another_is_never_kept()
    {
        Git("config", "include.path", "../shared.gitconfig");

        Read();
        Read();

        Assert.That((_reads, File.Exists(_cache)), Is.EqualTo((2, false)));
    }

    [Test]
    public void A_worktrees_git_file_is_never_kept()
    {
        var worktree = _repository.PathOf("linked");
        Git("worktree", "add", "-q", worktree);

        var first = GitFactsCache.ReadThrough(_cache, worktree, () => Counted(worktree));
        GitFactsCache.ReadThrough(_cache, worktree, () => Counted(worktree));

        Assert.That((first.IsRepository, _reads, File.Exists(_cache)), Is.EqualTo((true, 2, false)));
    }

    [Test]
    public void A_repository_without_commits_is_not_kept()
    {
        using var empty = new TestRepository();
        TestEnvironment.Run("git", ["-C", empty.Root, "init", "-q"], null);
        var cache = empty.PathOf(".build/git-facts");

        var facts = GitFactsCache.ReadThrough(cache, empty.Root, () => Counted(empty.Root));

        Assert.That((facts, File.Exists(cache)), Is.EqualTo((GitFacts.None, false)));
    }

    [Test]
    public void The_reader_keeps_the_facts_only_when_the_status_is_not_asked_for()
    {
        GitReader.Read(_repository.Root, checkDirty: true, _cache);
        Assert.That(File.Exists(_cache), Is.False);

        var facts = GitReader.Read(_repository.Root, checkDirty: false, _cache);

        Assert.That((File.Exists(_cache), facts.Dirty), Is.EqualTo((true, false)));
    }

    private GitFacts Read() => GitFactsCache.ReadThrough(_cache, _repository.Root, () => Counted(_repository.Root));

    private GitFacts Counted(string workTree)
    {
        _reads++;
        return GitReader.Read(workTree, checkDirty: false);
    }

    private void Commit(string message) => Git("commit", "-q", "--allow-empty", "-m", message);

    private string Git(params string[] arguments)
    {
        var (exitCode, output, error) = TestEnvironment.Run("git",
            ["-C", _repository.Root, "-c", "user.name=Facts test", "-c", "user.email=facts-test@localhost", .. arguments], null);
        Assert.That(exitCode, Is.Zero, $"git {string.Join(" ", arguments)}: {error}");
        return output.Trim();
    }
}
