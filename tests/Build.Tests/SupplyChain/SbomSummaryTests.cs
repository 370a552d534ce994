using Build.SupplyChain;
using Build.Tests.Support;

namespace Build.Tests.SupplyChain;

/// <summary>
/// The report's summary of an SPDX file and what changed since the previous one, on documents the generator wrote
/// (Data/current.spdx.json from tests/python/sbom_rootfs; Data/previous.spdx.json the same with an older bash, curl and no zlib1g).
/// </summary>
public sealed class SbomSummaryTests
{
    private static SpdxDocument Data(string name) =>
        SupplyChainJson.ReadSpdx(File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, "tests", "Build.Tests", "SupplyChain", "Data", name)))
        ?? throw new InvalidOperationException($"{name} is not an SPDX document");

    [Test]
    public void Counts_packages_by_kind_and_the_distinct_licences()
    {
        var summary = SbomSummary.Of("artifacts/sbom/orchestrator-production.spdx.json", Data("current.spdx.json"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Packages, Is.EqualTo(10));
            Assert.That(summary.DebianPackages, Is.EqualTo(4));
            Assert.That(summary.PythonDistributions, Is.EqualTo(6));
            // MIT, Apache-2.0, BSD-3-Clause, GPL-3.0-or-later, GPL-1.0-or-later, Artistic-1.0-Perl and bash's GFDL reference.
            Assert.That(summary.Licences, Is.EqualTo(7));
            Assert.That(summary.Changes, Is.Null);
        }
    }

    [Test]
    public void Says_what_was_added_removed_and_changed_since_the_previous_build()
    {
        var changes = SbomSummary.Of("x", Data("current.spdx.json"), Data("previous.spdx.json")).Changes!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(changes.Added, Is.EqualTo(new[] { "deb:zlib1g 1:1.2.13.dfsg-1+deb12u1" }));
            Assert.That(changes.Removed, Is.EqualTo(new[] { "deb:curl 7.88.1-10" }));
            Assert.That(changes.Changed, Is.EqualTo(new[] { "deb:bash 5.2.15-2+b2 → 5.2.15-2+b13" }));
            Assert.That(changes.Describe(), Is.EqualTo("1 added, 1 removed, 1 changed"));
        }
    }

    [Test]
    public void The_same_document_twice_is_no_change()
    {
        var changes = SbomChanges.Between(Data("current.spdx.json"), Data("current.spdx.json"));
        Assert.That(changes.Describe(), Is.EqualTo("no change"));
    }

    [TestCase("MIT", new[] { "MIT" })]
    [TestCase("GPL-3.0-or-later AND (GPL-1.0-or-later OR Artistic-1.0-Perl)", new[] { "GPL-3.0-or-later", "GPL-1.0-or-later", "Artistic-1.0-Perl" })]
    [TestCase("NOASSERTION", new string[0])]
    [TestCase(null, new string[0])]
    public void Licence_ids_of_an_expression(string? expression, string[] ids) =>
        Assert.That(SbomSummary.LicenceIds(expression), Is.EqualTo(ids));

    [TestCase("")]
    [TestCase("{\"spdxVersion\": \"SPDX-3.0\"}")]
    [TestCase("{\"packages\": []}")]
    [TestCase("not json")]
    public void Anything_but_an_SPDX_2_document_reads_as_none(string json) => Assert.That(SupplyChainJson.ReadSpdx(json), Is.Null);
}
