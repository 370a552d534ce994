using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests.Bootstrap;

public sealed class SourceFingerprintTests
{
    internal static TestRepository Clone() => new TestRepository()
        .Write("build/Build.csproj", "<Project />").Write("build/Tasks/Production.cs", "class P;").Write("global.json", "{}")
        .Write("Directory.Build.props", "<Project />").Write("Directory.Packages.props", "<Project />");

    [Test]
    public void The_hash_is_of_contents_not_of_modification_times()
    {
        using var first = Clone();
        using var second = Clone();
        File.SetLastWriteTimeUtc(second.PathOf("build/Tasks/Production.cs"), DateTime.UtcNow.AddDays(-3));

        Assert.That(SourceFingerprint.Compute(second.Root), Is.EqualTo(SourceFingerprint.Compute(first.Root)));
    }

    [Test]
    public void A_changed_source_changes_the_hash_and_bin_obj_and_other_files_do_not()
    {
        using var clone = Clone();
        var before = SourceFingerprint.Compute(clone.Root);
        clone.Write("build/bin/Release/x.cs", "x").Write("build/obj/y.props", "y").Write("build/README.md", "z").Write("build/z.json", "{}");
        var unchanged = SourceFingerprint.Compute(clone.Root);
        clone.Write("build/Tasks/Production.cs", "class Q;");

        Assert.That((unchanged, SourceFingerprint.Compute(clone.Root) == before), Is.EqualTo((before, false)));
    }

    // build.sh's own lines that compute $sources, run on their own: root and state are the clone's.
    internal static (string Hash, string Error) BuildShHash(TestRepository clone)
    {
        var script = File.ReadAllLines(Path.Combine(HostRun.RepositoryRoot, "build.sh"));
        var start = Array.FindIndex(script, line => line.StartsWith("hosted() {", StringComparison.Ordinal));
        var end = Array.FindIndex(script, start + 1, line => line == "fi");
        Assert.That(start, Is.GreaterThan(0), "build.sh defines hosted() and computes sources from it");
        var lines = "set -euo pipefail\nroot=\"$1\" state=\"$1/.build\"\n" + string.Join('\n', script[start..(end + 1)]) + "\necho \"$sources\"";
        var run = TestEnvironment.Run("bash", ["-c", lines, "bash", clone.Root], null);
        return (run.StdOut.Trim(), run.StdErr);
    }

    [Test]
    public void Build_sh_computes_the_same_hash()
    {
        using var clone = Clone();
        clone.Write("build/Cake.Frosting/Internal/Z.cs", "z").Write("build/a b.cs", "spaces");

        var (hash, error) = BuildShHash(clone);

        Assert.That(hash, Is.EqualTo(SourceFingerprint.Compute(clone.Root)), error);
    }

    [Test]
    public void Build_sh_reads_the_kept_hash_while_no_source_changed_and_hashes_again_after_an_edit()
    {
        using var clone = Clone();
        BuildShHash(clone);
        var kept = clone.PathOf(".build/host-sources");
        var lines = File.ReadAllText(kept).Split('\n', 2);
        File.WriteAllText(kept, "kept-hash\n" + lines[1]);
        var whileUnchanged = BuildShHash(clone).Hash;
        clone.Write("build/Tasks/Production.cs", "class Q;");
        var afterEdit = BuildShHash(clone).Hash;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileUnchanged, Is.EqualTo("kept-hash"), "the sizes, times and inodes are the same: the kept hash is read");
            Assert.That(afterEdit, Is.EqualTo(SourceFingerprint.Compute(clone.Root)), "an edited source is hashed again");
        }
    }
}
