using System.Text;
using Build.Images.Digest;

namespace Build.Tests.Images.Digest;

/// <summary>The cache file's text, read and written token by token (FileHashCacheTests holds the shapes it refuses).</summary>
public sealed class FileHashCacheFileTests
{
    private static readonly string Sha = new('a', 64);

    [Test]
    public void The_file_is_written_as_the_generated_serializer_wrote_it()
    {
        // The text the build wrote before it wrote token by token: a cache of an older build is read as it was.
        var entries = new Dictionary<string, FileHashEntry> { ["/r/a+b.py"] = new(3, 10, 20, Sha), ["/r/b.py"] = new(0, 1, 2, Sha) };

        var text = Encoding.UTF8.GetString(FileHashCacheFile.Write(entries));

        Assert.That(text, Is.EqualTo(
            $"{{\"version\":1,\"files\":{{\"/r/a\\u002Bb.py\":{{\"size\":3,\"mtime\":10,\"hashed\":20,\"sha256\":\"{Sha}\"}}," +
            $"\"/r/b.py\":{{\"size\":0,\"mtime\":1,\"hashed\":2,\"sha256\":\"{Sha}\"}}}}}}"));
    }

    [Test]
    public void What_is_written_is_read_back()
    {
        var written = new Dictionary<string, FileHashEntry> { ["/r/ü ñ.py"] = new(3, 10, 20, Sha), ["/r/b.py"] = new(0, 1, 2, Sha) };
        var read = new Dictionary<string, FileHashEntry>();

        var problem = FileHashCacheFile.Read(FileHashCacheFile.Write(written), read);

        Assert.That((problem, read), Is.EqualTo(((string?)null, written)));
    }

    [Test]
    public void Fields_the_format_does_not_know_are_skipped()
    {
        var json = "{\"note\":{\"a\":[1,2]},\"version\":1," +
            $"\"files\":{{\"/a\":{{\"extra\":[{{}}],\"size\":3,\"mtime\":1,\"hashed\":2,\"sha256\":\"{Sha}\"}}}}}}";
        var read = new Dictionary<string, FileHashEntry>();

        var problem = FileHashCacheFile.Read(Encoding.UTF8.GetBytes(json), read);

        Assert.That((problem, read["/a"]), Is.EqualTo(((string?)null, new FileHashEntry(3, 1, 2, Sha))));
    }

    [TestCase("{\"size\":{\"mtime\":1},\"mtime\":1,\"hashed\":2,\"sha256\":\"SHA\"}")]
    [TestCase("{\"size\":3,\"mtime\":1,\"hashed\":2,\"sha256\":[\"SHA\"]}")]
    public void A_field_holding_an_object_or_array_refuses_its_entry_without_losing_its_place(string entry)
    {
        var json = $"{{\"version\":1,\"files\":{{\"/a\":{entry.Replace("SHA", Sha, StringComparison.Ordinal)}}}}}";

        var problem = FileHashCacheFile.Read(Encoding.UTF8.GetBytes(json), []);

        Assert.That(problem, Is.EqualTo("the entry of /a is not {size, mtime, hashed, sha256}"));
    }

    [Test]
    public void Text_after_the_object_is_not_a_cache()
    {
        var json = "{\"version\":1,\"files\":{}} {}";

        Assert.That(() => FileHashCacheFile.Read(Encoding.UTF8.GetBytes(json), []), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [TestCase("{\"version\":1.5,\"files\":{}}", "format version 1.5, this build writes 1")]
    [TestCase("{\"version\":\"1\",\"files\":{}}", "format version \"1\", this build writes 1")]
    [TestCase("{\"version\":2,\"files\":{}}", "format version 2, this build writes 1")]
    [TestCase("{\"files\":{}}", "format version missing, this build writes 1")]
    [TestCase("{\"version\":1}", "no \"files\" object")]
    [TestCase("[1]", "an array instead of an object")]
    [TestCase("null", "null instead of an object")]
    public void The_problem_names_what_was_found(string json, string problem) =>
        Assert.That(FileHashCacheFile.Read(Encoding.UTF8.GetBytes(json), []), Is.EqualTo(problem));
}
