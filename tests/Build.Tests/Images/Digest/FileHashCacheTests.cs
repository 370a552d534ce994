using Build.Images.Digest;
using Build.Tests.Support;

namespace Build.Tests.Images.Digest;

public sealed class FileHashCacheTests
{
    [Test]
    public void An_unchanged_old_file_is_not_read_again()
    {
        using var repository = new TestRepository().Write("a.py", "one");
        var path = repository.PathOf("a.py");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
        var cache = FileHashCache.InMemory();
        var first = cache.Hash(path);
        var second = cache.Hash(path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(cache.HashedFiles, Is.EqualTo(1));
        }
    }

    [Test]
    public void A_same_size_rewrite_within_the_same_mtime_is_never_served_stale()
    {
        using var repository = new TestRepository().Write("a.py", "one");
        var path = repository.PathOf("a.py");
        var mtime = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(path, mtime);
        // The clock says the hash happens in the same instant as the write: the entry is racy.
        var cache = FileHashCache.InMemory(() => mtime.AddMilliseconds(500));
        var before = cache.Hash(path);

        File.WriteAllText(path, "two");
        File.SetLastWriteTimeUtc(path, mtime);
        var after = cache.Hash(path);

        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void A_changed_size_or_mtime_invalidates_an_entry()
    {
        using var repository = new TestRepository().Write("a.py", "one");
        var path = repository.PathOf("a.py");
        var old = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(path, old);
        var cache = FileHashCache.InMemory();
        var first = cache.Hash(path);
        File.WriteAllText(path, "three");
        File.SetLastWriteTimeUtc(path, old);
        var bySize = cache.Hash(path);
        File.WriteAllText(path, "four!");
        File.SetLastWriteTimeUtc(path, old.AddSeconds(1));
        var byMtime = cache.Hash(path);
        Assert.That(new[] { first, bySize, byMtime }, Is.Unique);
    }

    [Test]
    public void The_cache_survives_a_save_and_load()
    {
        using var repository = new TestRepository().Write("a.py", "one");
        var path = repository.PathOf("a.py");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
        var file = repository.PathOf(".build/digest-cache.json");
        var cache = FileHashCache.Load(file);
        var hash = cache.Hash(path);
        cache.Save();

        var loaded = FileHashCache.Load(file);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded.Hash(path), Is.EqualTo(hash));
            Assert.That(loaded.HashedFiles, Is.Zero);
        }
    }

    [Test]
    public void A_corrupt_cache_file_starts_empty()
    {
        using var repository = new TestRepository().Write(".build/digest-cache.json", "{not json").Write("a.py", "one");
        var cache = FileHashCache.Load(repository.PathOf(".build/digest-cache.json"));
        Assert.That(cache.Hash(repository.PathOf("a.py")), Has.Length.EqualTo(64));
    }
}
