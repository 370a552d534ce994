using Build.Tasks;

namespace Build.Tests.Images;

/// <summary>Which image task builds its partner's image alongside its own: only a partner Cake planned for this run.</summary>
public sealed class ImagePairsTests
{
    private static HashSet<string> Planned(params string[] tasks) => new(tasks, StringComparer.OrdinalIgnoreCase);

    [Test]
    public void A_target_that_runs_both_image_tasks_pairs_them_both_ways()
    {
        var production = Planned("EnsureLock", "BuildOrchestrator", "BuildReducer", "Verify", "Production");

        Assert.Multiple(() =>
        {
            Assert.That(ImagePairs.PartnerTaskInPlan(typeof(BuildOrchestrator), production), Is.EqualTo(typeof(BuildReducer)));
            Assert.That(ImagePairs.PartnerTaskInPlan(typeof(BuildReducer), production), Is.EqualTo(typeof(BuildOrchestrator)));
        });
    }

    [Test]
    public void The_slim_images_pair_with_each_other_not_with_the_full_ones()
    {
        var slim = Planned("EnsureLock", "BuildSlimOrchestrator", "BuildSlimReducer", "Slim");

        Assert.Multiple(() =>
        {
            Assert.That(ImagePairs.PartnerTaskInPlan(typeof(BuildSlimOrchestrator), slim), Is.EqualTo(typeof(BuildSlimReducer)));
            Assert.That(ImagePairs.PartnerTaskInPlan(typeof(BuildOrchestrator), slim), Is.Null);
        });
    }

    [Test]
    public void A_partner_left_out_of_the_plan_is_not_built()
    {
        // --target=BuildOrchestrator --exclusive: Cake plans the one task; building the reducer too would surprise.
        Assert.That(ImagePairs.PartnerTaskInPlan(typeof(BuildOrchestrator), Planned("BuildOrchestrator")), Is.Null);
    }

    [Test]
    public void A_task_that_builds_no_image_has_no_partner()
    {
        Assert.That(ImagePairs.PartnerTaskInPlan(typeof(EnsureLock), Planned("EnsureLock", "BuildOrchestrator", "BuildReducer")), Is.Null);
    }
}
