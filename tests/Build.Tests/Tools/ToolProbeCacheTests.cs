using Build.Tools;

namespace Build.Tests.Tools;

public sealed class ToolProbeCacheTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Directory.CreateTempSubdirectory("tool-probes-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private string CacheFile => Path.Combine(_folder, ".build", "tool-probes.json");

    [Test]
    public void An_answer_is_asked_once_per_fingerprint_and_kept_for_the_next_run()
    {
        var asked = 0;
        string Ask() => $"answer {++asked}";

        var first = ToolProbeCache.Load(CacheFile).Answer("docker version of docker", "a", Ask);
        var again = ToolProbeCache.Load(CacheFile).Answer("docker version of docker", "a", Ask);
        var changed = ToolProbeCache.Load(CacheFile).Answer("docker version of docker", "b", Ask);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first, again), Is.EqualTo(("answer 1", "answer 1")), "the second run reads the file");
            Assert.That(changed, Is.EqualTo("answer 2"), "another fingerprint asks again");
            Assert.That(File.ReadAllText(CacheFile), Does.Not.Contain("answer 1"), "one answer per question: the newest");
        }
    }

    [Test]
    public void A_failed_probe_is_not_remembered()
    {
        var asked = 0;
        var cache = ToolProbeCache.Load(CacheFile);

        cache.Answer("compose of docker", "a", () => { asked++; return null; });
        var second = cache.Answer("compose of docker", "a", () => { asked++; return "v1 1.29.2"; });

        Assert.That((asked, second), Is.EqualTo((2, "v1 1.29.2")));
    }

    [Test]
    public void An_unreadable_file_counts_as_empty()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "{ not json");

        var answer = ToolProbeCache.Load(CacheFile).Answer("q", "a", () => "asked");

        Assert.That(answer, Is.EqualTo("asked"));
    }

    [Test]
    public void The_fingerprint_changes_when_a_program_is_rewritten_or_a_plugin_appears()
    {
        var program = Path.Combine(_folder, "docker");
        var plugins = Directory.CreateDirectory(Path.Combine(_folder, "cli-plugins")).FullName;
        File.WriteAllText(program, "one");
        string Print() => ToolFingerprint.Of([program], [plugins], ["unix:///run/docker.sock", "20.10"]);

        var before = Print();
        var same = Print();
        File.WriteAllText(program, "two, longer");
        var rewritten = Print();
        File.WriteAllText(Path.Combine(plugins, "docker-buildx"), "plugin");
        var plugin = Print();
        var otherEngine = ToolFingerprint.Of([program], [plugins], ["unix:///run/other.sock", "20.10"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(same, Is.EqualTo(before));
            Assert.That(new[] { before, rewritten, plugin, otherEngine }, Is.Unique);
        }
    }
}
