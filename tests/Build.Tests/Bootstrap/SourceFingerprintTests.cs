using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests.Bootstrap;

public sealed class SourceFingerprintTests
{
    private static TestRepository Clone() => new TestRepository()
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

    [Test]
    public void Build_sh_computes_the_same_hash()
    {
        var script = File.ReadAllLines(Path.Combine(HostRun.RepositoryRoot, "build.sh"));
        var start = Array.FindIndex(script, line => line.StartsWith("sources=$(", StringComparison.Ordinal));
        var end = Array.FindIndex(script, start, line => line.StartsWith("sources=\"${sources%% *}\"", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThan(0), "build.sh computes sources=$(...)");
        using var clone = Clone();
        clone.Write("build/Cake.Frosting/Internal/Z.cs", "z").Write("build/a b.cs", "spaces");

        var lines = "root=\"$1\"\n" + string.Join('\n', script[start..(end + 1)]) + "\necho \"$sources\"";
        var run = TestEnvironment.Run("bash", ["-c", lines, "bash", clone.Root], null);

        Assert.That(run.StdOut.Trim(), Is.EqualTo(SourceFingerprint.Compute(clone.Root)), run.StdErr);
    }
}
