using Build.Bootstrap;
using Build.Tests.Support;

namespace Build.Tests.Bootstrap;

/// <summary>
/// The native host's own check of its sources on build.sh's warm path, against the listing build.sh's own lines keep in
/// .build/host-sources: any change build.sh would see sends the command back to it.
/// </summary>
public sealed class WarmStartTests
{
    // A clone whose .build/host-sources build.sh wrote, and whose .build/host names a native host of that hash.
    private static TestRepository Kept()
    {
        var clone = SourceFingerprintTests.Clone();
        var hash = SourceFingerprintTests.BuildShHash(clone).Hash;
        Directory.CreateDirectory(clone.PathOf(".build/hosts/native-" + hash));
        File.CreateSymbolicLink(clone.PathOf(".build/host"), "hosts/native-" + hash);
        return clone;
    }

    private static string Listing(TestRepository clone) => File.ReadAllText(clone.PathOf(".build/host-sources")).Split('\n', 2)[1];

    [Test]
    public void Sources_as_build_sh_listed_them_are_unchanged()
    {
        using var clone = Kept();
        clone.Write("build/a b.cs", "a path with a space");
        SourceFingerprintTests.BuildShHash(clone);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(WarmStart.ListingMatches(clone.Root, Listing(clone)), Is.True);
        Assert.That(WarmStart.SourcesUnchanged(clone.Root), Is.False, "the listing's hash is no longer the linked host's");
    }

    [Test]
    public void The_linked_host_of_the_kept_hash_runs_while_nothing_changed()
    {
        using var clone = Kept();
        clone.Write("build/README.md", "not a source").Write("build/obj/x.cs", "build output");
        Assert.That(WarmStart.SourcesUnchanged(clone.Root), Is.True);
    }

    [TestCase("edited", TestName = "An edited source goes back to build.sh")]
    [TestCase("touched", TestName = "A source with a new modification time goes back to build.sh")]
    [TestCase("added", TestName = "An added source goes back to build.sh")]
    [TestCase("removed", TestName = "A removed source goes back to build.sh")]
    [TestCase("unlisted", TestName = "A missing listing goes back to build.sh")]
    [TestCase("unlinked", TestName = "A clone without a linked host goes back to build.sh")]
    public void A_change_build_sh_would_see_goes_back_to_it(string change)
    {
        using var clone = Kept();
        var production = clone.PathOf("build/Tasks/Production.cs");
        var time = File.GetLastWriteTimeUtc(production);
        Action act = change switch
        {
            "edited" => () => clone.Write("build/Tasks/Production.cs", "class Production;"),
            "touched" => () => File.SetLastWriteTimeUtc(production, time.AddTicks(1)),
            "added" => () => clone.Write("build/Tasks/Verify.cs", "class V;"),
            "removed" => () => File.Delete(production),
            "unlisted" => () => File.Delete(clone.PathOf(".build/host-sources")),
            _ => () => File.Delete(clone.PathOf(".build/host")),
        };

        act();

        Assert.That(WarmStart.SourcesUnchanged(clone.Root), Is.False);
    }

    [Test]
    public void A_listing_line_that_is_not_path_size_time_inode_is_a_change()
    {
        using var clone = Kept();
        var listing = Listing(clone);
        var broken = listing.Replace("build/Build.csproj ", "build/Build.csproj x", StringComparison.Ordinal);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(WarmStart.ListingMatches(clone.Root, listing), Is.True);
        Assert.That(WarmStart.ListingMatches(clone.Root, broken), Is.False);
    }
}
