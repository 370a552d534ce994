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

    /// <summary>Cache files that parse as JSON (or not at all) but are not the cache's shape.</summary>
    public static IEnumerable<TestCaseData> BadCacheFiles()
    {
        var sha = new string('a', 64);
        string[][] cases =
        [
            ["fractional version", "{\"version\":1.5}"],
            ["version as a string", "{\"version\":\"1\",\"files\":{}}"],
            ["version too large for an int", "{\"version\":99999999999999999999}"],
            ["root is an array", "[1,2,3]"],
            ["root is a number", "42"],
            ["files is an array", "{\"version\":1,\"files\":[]}"],
            ["files missing", "{\"version\":1}"],
            ["entry is a string", "{\"version\":1,\"files\":{\"/a\":\"x\"}}"],
            ["size is a string", $"{{\"version\":1,\"files\":{{\"/a\":{{\"size\":\"3\",\"mtime\":1,\"hashed\":1,\"sha256\":\"{sha}\"}}}}}}"],
            ["size is fractional", $"{{\"version\":1,\"files\":{{\"/a\":{{\"size\":3.5,\"mtime\":1,\"hashed\":1,\"sha256\":\"{sha}\"}}}}}}"],
            ["mtime missing", $"{{\"version\":1,\"files\":{{\"/a\":{{\"size\":3,\"hashed\":1,\"sha256\":\"{sha}\"}}}}}}"],
            ["sha256 is a number", "{\"version\":1,\"files\":{\"/a\":{\"size\":3,\"mtime\":1,\"hashed\":1,\"sha256\":7}}}"],
            ["sha256 is not 64 hex digits", "{\"version\":1,\"files\":{\"/a\":{\"size\":3,\"mtime\":1,\"hashed\":1,\"sha256\":\"zz\"}}}"],
            ["negative size", $"{{\"version\":1,\"files\":{{\"/a\":{{\"size\":-1,\"mtime\":1,\"hashed\":1,\"sha256\":\"{sha}\"}}}}}}"],
            ["null", "null"],
            ["empty file", ""],
            ["truncated", "{\"version\":1,\"files\":{\"/a\":{\"si"],
            ["a bare string", "\"x\""],
        ];
        return cases.Select(item => new TestCaseData(item[1]).SetArgDisplayNames(item[0]));
    }

    [TestCaseSource(nameof(BadCacheFiles))]
    public void A_cache_file_of_the_wrong_shape_is_discarded_with_one_note(string content)
    {
        using var repository = new TestRepository().Write(".build/digest-cache.json", content).Write("a.py", "one");
        File.SetLastWriteTimeUtc(repository.PathOf("a.py"), DateTime.UtcNow.AddMinutes(-5));
        var notes = new List<string>();
        var cache = FileHashCache.Load(repository.PathOf(".build/digest-cache.json"), note: notes.Add);
        var hash = cache.Hash(repository.PathOf("a.py"));
        cache.Save();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hash, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("one"u8))));
            Assert.That(cache.HashedFiles, Is.EqualTo(1));
            Assert.That(notes, Has.Count.EqualTo(1));
            Assert.That(notes[0], Does.Contain("digest-cache.json").And.Not.Contain("\n"));
            Assert.That(FileHashCache.Load(repository.PathOf(".build/digest-cache.json"), note: notes.Add).Hash(repository.PathOf("a.py")), Is.EqualTo(hash));
            Assert.That(notes, Has.Count.EqualTo(1), "the rebuilt file is read back without a note");
        }
    }

    [Test]
    public void A_folder_where_the_cache_file_belongs_costs_only_the_cache()
    {
        using var repository = new TestRepository().Write(".build/digest-cache.json/inside", "x").Write("a.py", "one");
        var notes = new List<string>();
        var cache = FileHashCache.Load(repository.PathOf(".build/digest-cache.json"), note: notes.Add);
        Assert.That(() => { cache.Hash(repository.PathOf("a.py")); cache.Save(); }, Throws.Nothing);
    }
}
