using Build.Images;
using Build.TaskFacts;
using Build.Tasks;
using Cake.Frosting;

namespace Build.Tests.TaskFacts;

/// <summary>
/// The facts each task states on its class, as the rest of the build reads them: which image task builds its partners'
/// images alongside its own (only partners Cake planned), which targets fix the stage, what an interruption leaves.
/// </summary>
public sealed class TaskCatalogTests
{
    private static readonly TaskCatalog Catalog = TaskCatalog.OfThisBuild;

    private static HashSet<string> Planned(params string[] tasks) => new(tasks, StringComparer.OrdinalIgnoreCase);

    private static ImageSpec Spec(string service, ImageFlavour flavour) =>
        new(service, flavour, service, $"deployment/Dockerfile.{service}", "x", [], new Dictionary<string, string>(), new Dictionary<string, string>());

    [Test]
    public void A_target_that_runs_both_image_tasks_pairs_them_both_ways()
    {
        var production = Planned("EnsureLock", "BuildOrchestrator", "BuildReducer", "Verify", "Production");

        using var scope = Assert.EnterMultipleScope();
        Assert.That(Catalog.PartnersInPlan(Spec("orchestrator", ImageFlavour.Production), production), Is.EqualTo(new[] { "reducer" }));
        Assert.That(Catalog.PartnersInPlan(Spec("reducer", ImageFlavour.Development), production), Is.EqualTo(new[] { "orchestrator" }));
    }

    [Test]
    public void The_slim_images_pair_with_each_other_not_with_the_full_ones()
    {
        var slim = Planned("EnsureLock", "BuildSlimOrchestrator", "BuildSlimReducer", "Slim");

        using var scope = Assert.EnterMultipleScope();
        Assert.That(Catalog.PartnersInPlan(Spec("orchestrator", ImageFlavour.Slim), slim), Is.EqualTo(new[] { "reducer" }));
        Assert.That(Catalog.PartnersInPlan(Spec("orchestrator", ImageFlavour.Production), slim), Is.Empty);
    }

    [Test]
    public void A_partner_left_out_of_the_plan_is_not_built() =>
        // --target=BuildOrchestrator --exclusive: Cake plans the one task; building the reducer too would surprise.
        Assert.That(Catalog.PartnersInPlan(Spec("orchestrator", ImageFlavour.Production), Planned("BuildOrchestrator")), Is.Empty);

    [Test]
    public void The_image_tasks_are_every_task_of_the_build_that_builds_an_image_and_nothing_else()
    {
        var imageTasks = typeof(ImageTask).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.IsSubclassOf(typeof(ImageTask)))
            .Select(type => ((TaskNameAttribute)Attribute.GetCustomAttribute(type, typeof(TaskNameAttribute))!).Name);
        using var scope = Assert.EnterMultipleScope();
        Assert.That(Catalog.ImageTasks, Is.EquivalentTo(imageTasks));
        Assert.That(Catalog.BuildsAnImage("BuildSlimReducer"), Is.True);
        Assert.That(Catalog.BuildsAnImage("Push"), Is.False);
        Assert.That(Catalog.BuildsAnImage(null), Is.False);
    }

    [TestCase("orchestrator", ImageFlavour.Development, "BuildOrchestrator")]
    [TestCase("orchestrator", ImageFlavour.Production, "BuildOrchestrator")]
    [TestCase("reducer", ImageFlavour.Production, "BuildReducer")]
    [TestCase("orchestrator", ImageFlavour.Slim, "BuildSlimOrchestrator")]
    [TestCase("reducer", ImageFlavour.Slim, "BuildSlimReducer")]
    public void Each_image_is_built_by_the_task_that_names_it(string service, ImageFlavour flavour, string task) =>
        Assert.That(Catalog.TaskOf(Spec(service, flavour)), Is.EqualTo(task));

    /// <summary>A task's facts need none of the services it builds with.</summary>
    private static readonly ImageTaskServices NoServices = null!;

    private static IEnumerable<TestCaseData> ImageTasks()
    {
        yield return new TestCaseData(new BuildOrchestrator(NoServices), "orchestrator", ImageFlavour.Development)
            .SetName("BuildOrchestrator_builds_the_orchestrator_at_the_stage");
        yield return new TestCaseData(new BuildReducer(NoServices), "reducer", ImageFlavour.Production).SetName("BuildReducer_builds_the_reducer_at_the_stage");
        yield return new TestCaseData(new BuildSlimOrchestrator(NoServices), "orchestrator", ImageFlavour.Slim)
            .SetName("BuildSlimOrchestrator_builds_the_slim_orchestrator");
        yield return new TestCaseData(new BuildSlimReducer(NoServices), "reducer", ImageFlavour.Slim).SetName("BuildSlimReducer_builds_the_slim_reducer");
    }

    [TestCaseSource(nameof(ImageTasks))]
    public void Each_image_task_builds_the_service_its_attribute_names(ImageTask task, string service, ImageFlavour flavour)
    {
        var stage = flavour == ImageFlavour.Slim ? ImageFlavour.Production : flavour;
        using var scope = Assert.EnterMultipleScope();
        Assert.That(task.Service, Is.EqualTo(service));
        Assert.That(task.Image.In(stage), Is.EqualTo(flavour));
        Assert.That(ImageTable.ServiceNames, Does.Contain(service));
    }

    [Test]
    public void The_targets_that_fix_the_stage_say_so_on_their_class()
    {
        using var scope = Assert.EnterMultipleScope();
        Assert.That(Catalog.FixingStage(ImageFlavour.Production), Is.EqualTo(new[] { "Default", "Deploy", "Production", "Push", "Verify" }));
        Assert.That(Catalog.FixingStage(ImageFlavour.Development), Is.EqualTo(new[] { "Development" }));
        Assert.That(Catalog.Of("production")?.FixedStage, Is.EqualTo(ImageFlavour.Production), "any case, as --target");
        Assert.That(Catalog.Of("Slim")?.FixedStage, Is.Null);
    }

    [Test]
    public void Only_Scale_needs_a_scale_plan_and_the_version_readers_are_the_image_tasks_the_lock_Push_and_Verify()
    {
        using var scope = Assert.EnterMultipleScope();
        Assert.That(Catalog.All.Where(task => task.NeedsScalePlan).Select(task => task.Name), Is.EqualTo(new[] { "Scale" }));
        Assert.That(Catalog.All.Where(task => task.ReadsProjectVersion).Select(task => task.Name),
            Is.EquivalentTo(Catalog.ImageTasks.Concat(["EnsureLock", "Push", "Verify"])));
    }

    [Test]
    public void Facts_are_read_from_the_attributes_of_a_class_and_its_base()
    {
        var fact = TaskCatalog.Read(typeof(BuildSlimReducer));
        Assert.That(fact, Is.EqualTo(new TaskFact("BuildSlimReducer",
            "Every image keeps the tags it had: docker build tags an image only when it is complete.",
            ReadsProjectVersion: true, FixedStage: null, new ImageOfTask("reducer", ImageFlavour.Slim), NeedsScalePlan: false)));
    }

    [Test]
    public void Every_task_has_one_fact_under_its_task_name()
    {
        var tasks = typeof(ImageTask).Assembly.GetTypes().Where(type => !type.IsAbstract && typeof(IFrostingTask).IsAssignableFrom(type))
            .Select(type => ((TaskNameAttribute)Attribute.GetCustomAttribute(type, typeof(TaskNameAttribute))!).Name);
        Assert.That(Catalog.All.Select(task => task.Name), Is.EquivalentTo(tasks).And.Unique.And.Contains("EnsureLock"));
    }

    [Test]
    public void The_compiler_lists_every_task_class_in_the_order_the_assembly_declares_them()
    {
        // What the host enumerated at start before the list was generated; Cake registers the tasks in this order.
        var declared = typeof(ImageTask).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IFrostingTask).IsAssignableFrom(type));
        Assert.That(TaskCatalog.TaskClasses.Select(taskClass => taskClass.Type),
            Is.EqualTo(declared).And.Contains(typeof(EnsureLock)).And.Not.Contains(typeof(ImageTask)));
    }

    [Test]
    public void The_compiler_lists_each_task_class_with_the_attributes_reflection_reads_in_the_same_order()
    {
        // The build's own attributes and Frosting's; reflection adds the compiler's own (nullable context and the like).
        static bool Ours(Attribute attribute) => attribute.GetType().Namespace is { } space && (space.StartsWith("Build", StringComparison.Ordinal)
            || space.StartsWith("Cake", StringComparison.Ordinal));
        using var scope = Assert.EnterMultipleScope();
        foreach (var listed in TaskCatalog.TaskClasses)
        {
            var reflected = FrostingTaskClass.Reflected(listed.Type).Attributes.Where(Ours);
            Assert.That(listed.Attributes, Is.EqualTo(reflected), listed.Type.Name);
        }

        // Which members each task overrides (Cake runs only those), as reflection finds them.
        foreach (var listed in TaskCatalog.TaskClasses)
        {
            Assert.That(listed.Overridden, Is.EqualTo(FrostingTaskClass.Members.Where(member => OverridesByReflection(listed.Type, member))), listed.Type.Name);
        }

        // Inherited from ImageTask (LeavesWhenInterrupted, ReadsProjectVersion), several dependencies in their order.
        Assert.That(TaskCatalog.TaskClasses.Single(taskClass => taskClass.Type == typeof(EnsureLock)).Overridden, Is.EqualTo(new[] { "Run" }));
        var buildReducer = TaskCatalog.TaskClasses.Single(taskClass => taskClass.Type == typeof(BuildReducer));
        Assert.That(buildReducer.Attributes.OfType<LeavesWhenInterruptedAttribute>().Count(), Is.EqualTo(1));
        Assert.That(buildReducer.Attribute<ReadsProjectVersionAttribute>(), Is.Not.Null);
        var composeUp = TaskCatalog.TaskClasses.Single(taskClass => taskClass.Type == typeof(ComposeUp)).Attributes.OfType<IsDependentOnAttribute>();
        Assert.That(composeUp.Select(dependency => dependency.Task), Is.EqualTo(new[] { typeof(BuildOrchestrator), typeof(BuildReducer) }));
    }

    [Test]
    public void Every_task_class_comes_with_a_factory_so_the_container_reflects_over_no_constructor() =>
        Assert.That(TaskCatalog.TaskClasses.Where(taskClass => taskClass.Create is null).Select(taskClass => taskClass.Type.Name), Is.Empty);

    private static bool OverridesByReflection(Type task, string member)
    {
        static bool Frosting(Type? type) => type is { IsGenericType: true } && (type.GetGenericTypeDefinition() == typeof(FrostingTask<>)
            || type.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>));
        return task.GetMethods().Any(method => method.Name == member && method.DeclaringType != method.GetBaseDefinition().DeclaringType
            && Frosting(method.GetBaseDefinition().DeclaringType));
    }
}
