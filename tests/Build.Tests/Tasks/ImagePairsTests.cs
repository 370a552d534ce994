using Build.Images;
using Build.Tasks;

namespace Build.Tests.Tasks;

/// <summary>Which images build together: the partners in Cake's plan, and when they really overlap.</summary>
public sealed class ImagePairsTests
{
    private static ImageSpec Spec(string service, ImageFlavour flavour = ImageFlavour.Production) =>
        new(service, flavour, service, $"deployment/Dockerfile.{service}", "production", ["prod"],
            new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly ImageSpec Orchestrator = Spec("orchestrator");
    private static readonly ImageSpec Reducer = Spec("reducer");

    [Test]
    public void The_partner_in_the_plan_is_planned_in_the_same_flavour()
    {
        var planned = new HashSet<string>(["BuildOrchestrator", "BuildReducer"], StringComparer.OrdinalIgnoreCase);
        var partners = ImagePairs.PartnersInPlan(Orchestrator, planned, (service, flavour) => Spec(service, flavour));
        Assert.That(partners.Select(partner => (partner.Service, partner.Flavour)), Is.EqualTo(new[] { ("reducer", ImageFlavour.Production) }));
    }

    private static IEnumerable<TestCaseData> Sequential()
    {
        // A dry run shows one image at a time: the dry run's side effects decide that (DryRun/Golden/*.txt show the order).
        yield return new TestCaseData(false, false, false, true).SetName("Parallel_false_builds_one_image_at_a_time");
        yield return new TestCaseData(true, true, false, true).SetName("An_up_to_date_image_is_not_built_beside_its_partner");
        yield return new TestCaseData(true, false, true, true).SetName("An_up_to_date_partner_is_not_built_beside_the_image");
        yield return new TestCaseData(true, false, false, false).SetName("The_legacy_builder_builds_one_image_at_a_time");
    }

    [TestCaseSource(nameof(Sequential))]
    public void Sequential_cases(bool parallel, bool imageUpToDate, bool partnerUpToDate, bool buildKit)
    {
        var together = ImagePairs.ParallelPartners(Orchestrator, [Reducer], parallel,
            image => image == Orchestrator ? imageUpToDate : partnerUpToDate, () => buildKit);
        Assert.That(together, Is.Empty);
    }

    [Test]
    public void Two_changed_images_under_BuildKit_build_together_and_the_builder_is_probed_only_then()
    {
        var probes = 0;
        var together = ImagePairs.ParallelPartners(Orchestrator, [Reducer], parallel: true, _ => false, () => ++probes > 0);
        var unchanged = ImagePairs.ParallelPartners(Orchestrator, [Reducer], parallel: true, _ => true, () => ++probes > 0);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(together, Is.EqualTo(new[] { Reducer }));
            Assert.That(unchanged, Is.Empty);
            Assert.That(probes, Is.EqualTo(1), "an unchanged pair never probes the builder");
        }
    }
}
