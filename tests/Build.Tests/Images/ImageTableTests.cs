using Build.Context;
using Build.Images;
using Build.Tasks;
using Cake.Frosting;

namespace Build.Tests.Images;

/// <summary>
/// The one table of images: which image task builds its partners' images alongside its own (only partners Cake
/// planned for this run), and that the table's task names are the tasks that build those services.
/// </summary>
public sealed class ImageTableTests
{
    private static HashSet<string> Planned(params string[] tasks) => new(tasks, StringComparer.OrdinalIgnoreCase);

    [Test]
    public void A_target_that_runs_both_image_tasks_pairs_them_both_ways()
    {
        var production = Planned("EnsureLock", "BuildOrchestrator", "BuildReducer", "Verify", "Production");

        using var scope = Assert.EnterMultipleScope();
        Assert.That(ImageTable.PartnersInPlan("orchestrator", slim: false, production), Is.EqualTo(new[] { "reducer" }));
        Assert.That(ImageTable.PartnersInPlan("reducer", slim: false, production), Is.EqualTo(new[] { "orchestrator" }));
    }

    [Test]
    public void The_slim_images_pair_with_each_other_not_with_the_full_ones()
    {
        var slim = Planned("EnsureLock", "BuildSlimOrchestrator", "BuildSlimReducer", "Slim");

        using var scope = Assert.EnterMultipleScope();
        Assert.That(ImageTable.PartnersInPlan("orchestrator", slim: true, slim), Is.EqualTo(new[] { "reducer" }));
        Assert.That(ImageTable.PartnersInPlan("orchestrator", slim: false, slim), Is.Empty);
    }

    [Test]
    public void A_partner_left_out_of_the_plan_is_not_built()
    {
        // --target=BuildOrchestrator --exclusive: Cake plans the one task; building the reducer too would surprise.
        Assert.That(ImageTable.PartnersInPlan("orchestrator", slim: false, Planned("BuildOrchestrator")), Is.Empty);
    }

    [Test]
    public void The_image_tasks_are_every_task_of_the_build_that_builds_an_image_and_nothing_else()
    {
        var imageTasks = typeof(ImageTask).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.IsSubclassOf(typeof(ImageTask)))
            .Select(type => ((TaskNameAttribute)Attribute.GetCustomAttribute(type, typeof(TaskNameAttribute))!).Name);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(ImageTable.ImageTasks, Is.EquivalentTo(imageTasks));
        Assert.That(ImageTable.BuildsAnImage("BuildSlimReducer"), Is.True);
        Assert.That(ImageTable.BuildsAnImage("Push"), Is.False);
        Assert.That(ImageTable.BuildsAnImage(null), Is.False);
    }

    /// <summary>The table's facts of a task need none of the services it builds with.</summary>
    private static readonly ImageTaskServices NoServices = null!;

    private static IEnumerable<TestCaseData> ImageTasks()
    {
        yield return new TestCaseData(new BuildOrchestrator(NoServices), "orchestrator", false)
            .SetName("BuildOrchestrator_is_the_orchestrator_stage_task_of_the_table");
        yield return new TestCaseData(new BuildReducer(NoServices), "reducer", false)
            .SetName("BuildReducer_is_the_reducer_stage_task_of_the_table");
        yield return new TestCaseData(new BuildSlimOrchestrator(NoServices), "orchestrator", true)
            .SetName("BuildSlimOrchestrator_is_the_orchestrator_slim_task_of_the_table");
        yield return new TestCaseData(new BuildSlimReducer(NoServices), "reducer", true)
            .SetName("BuildSlimReducer_is_the_reducer_slim_task_of_the_table");
    }

    [TestCaseSource(nameof(ImageTasks))]
    public void Each_image_task_is_named_in_the_table_for_its_service(ImageTask task, string service, bool slim)
    {
        var row = ImageTable.Services.Single(row => row.Service == task.Service);
        var name = ((TaskNameAttribute)Attribute.GetCustomAttribute(task.GetType(), typeof(TaskNameAttribute))!).Name;
        using var scope = Assert.EnterMultipleScope();
        Assert.That(task.Service, Is.EqualTo(service));
        Assert.That(slim ? row.SlimTask : row.StageTask, Is.EqualTo(name));
        Assert.That(task is SlimImageTask, Is.EqualTo(slim));
    }

    [TestCase(BuildTarget.Development, "development", "dev")]
    [TestCase(BuildTarget.Production, "production", "prod")]
    public void A_build_target_reads_its_stage_and_tag_from_the_flavour_line(BuildTarget target, string stage, string tag)
    {
        var row = ImageTable.Of(target);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(row.Stage, Is.EqualTo(stage));
        Assert.That(row.Tag, Is.EqualTo(tag));
        Assert.That(row.Dockerfile("reducer"), Is.EqualTo("deployment/Dockerfile.reducer"));
    }
}
