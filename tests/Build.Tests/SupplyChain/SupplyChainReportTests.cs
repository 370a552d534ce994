using System.Text.Json.Nodes;
using Build.Images;
using Build.Reporting;
using Build.SupplyChain;

namespace Build.Tests.SupplyChain;

/// <summary>The report's images[] with their provenance and SBOM, as JSON and on the HTML page.</summary>
public sealed class SupplyChainReportTests
{
    private static readonly ImageSpec Production = new("orchestrator", ImageFlavour.Production, "orchestrator", "deployment/Dockerfile.orchestrator",
        "production", ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly SbomSummary Sbom = new("artifacts/sbom/orchestrator-production.spdx.json", 133, 118, 15, 41,
        new SbomChanges(["pypi:anyio 3.7.1"], [], ["deb:bash 5.2.15-2+b2 → 5.2.15-2+b13"]));

    private static BuildReportDocument Report()
    {
        var report = new BuildReport();
        report.ImageBuilt(Production, "sha256:1", 131_000_000);
        report.ImageProvenance(Production, true);
        report.ImageSbom(Production, Sbom);
        return report.Snapshot("Production", DateTimeOffset.UtcNow, "0.1.0", null);
    }

    [Test]
    public void Images_carry_provenance_and_the_SBOM_summary_in_the_JSON()
    {
        var image = JsonNode.Parse(BuildReportWriter.Serialize(Report()))!["images"]![0]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(image["provenance"]!.GetValue<bool>(), Is.True);
            Assert.That(image["sbom"]!["file"]!.GetValue<string>(), Is.EqualTo("artifacts/sbom/orchestrator-production.spdx.json"));
            Assert.That(image["sbom"]!["packages"]!.GetValue<int>(), Is.EqualTo(133));
            Assert.That(image["sbom"]!["licences"]!.GetValue<int>(), Is.EqualTo(41));
            Assert.That(image["sbom"]!["changes"]!["changed"]![0]!.GetValue<string>(), Is.EqualTo("deb:bash 5.2.15-2+b2 → 5.2.15-2+b13"));
        }
    }

    [Test]
    public void The_page_shows_provenance_counts_and_changes()
    {
        var html = HtmlReport.Render(Report());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("<th>Supply chain</th>"));
            Assert.That(html, Does.Contain("provenance attached"));
            Assert.That(html, Does.Contain("133 packages (118 Debian, 15 Python), 41 licences"));
            Assert.That(html, Does.Contain("since the previous build: 1 added, 0 removed, 1 changed"));
            Assert.That(html, Does.Contain("~ deb:bash 5.2.15-2+b2 → 5.2.15-2+b13"));
        }
    }

    [Test]
    public void An_image_without_either_shows_a_dash()
    {
        var report = new BuildReport();
        report.ImageBuilt(Production with { Flavour = ImageFlavour.Development }, "sha256:2", 1);
        Assert.That(HtmlReport.Render(report.Snapshot("Development", DateTimeOffset.UtcNow, "0.1.0", null)),
            Does.Contain("<td class=\"supply-chain\"><small>–</small></td>"));
    }
}
