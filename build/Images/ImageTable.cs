using Build.Context;
using Build.Tasks;

namespace Build.Images;

/// <summary>
/// The images the build makes, written down once: a line per service (and the tasks that build its images) and a
/// line per flavour (Dockerfile, stage, tags). Every image is one service × one flavour; the image tasks, the
/// parallel pairs, the planner, Push, Clean, Verify and the compose variables read these two lists. Adding a
/// service is a line in <see cref="Services"/>, its two task files, and its edges in Targets.cs.
/// </summary>
public static class ImageTable
{
    public static readonly IReadOnlyList<ServiceImages> Services =
    [
        new("orchestrator", nameof(BuildOrchestrator), nameof(BuildSlimOrchestrator)),
        new("reducer", nameof(BuildReducer), nameof(BuildSlimReducer)),
    ];

    public static readonly IReadOnlyList<FlavourImages> Flavours =
    [
        new(ImageFlavour.Development, "deployment", "development", "dev", SourceTagSuffix: null, Latest: false, TakesExtraTags: true),
        new(ImageFlavour.Production, "deployment", "production", "prod", SourceTagSuffix: "", Latest: true, TakesExtraTags: true),
        new(ImageFlavour.Slim, "docker/bridge-nodes", "runtime", "slim", SourceTagSuffix: "-slim", Latest: false, TakesExtraTags: false),
    ];

    /// <summary>The service names, in table order.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = [.. Services.Select(row => row.Service)];

    /// <summary>Every task that builds an image: each service's stage task and slim task, in table order.</summary>
    public static readonly IReadOnlyList<string> ImageTasks = [.. Services.SelectMany(row => new[] { row.StageTask, row.SlimTask })];

    /// <summary>Whether <paramref name="task"/> builds an image (one of <see cref="ImageTasks"/>).</summary>
    public static bool BuildsAnImage(string? task) => task is not null && ImageTasks.Contains(task, StringComparer.OrdinalIgnoreCase);

    /// <summary>The line of one flavour.</summary>
    public static FlavourImages Of(ImageFlavour flavour) => Flavours.Single(row => row.Flavour == flavour);

    /// <summary>The flavour of a build target (what BuildOrchestrator/BuildReducer build and compose runs).</summary>
    public static FlavourImages Of(BuildTarget target) => Of(target == BuildTarget.Production ? ImageFlavour.Production : ImageFlavour.Development);

    /// <summary>The task that builds an image: its service's stage task, or its slim task.</summary>
    public static string TaskOf(ImageSpec spec) =>
        Services.Single(row => row.Service == spec.Service) is var row && spec.Flavour == ImageFlavour.Slim ? row.SlimTask : row.StageTask;

    /// <summary>
    /// The other services whose image task of the same kind (stage or slim) Cake planned for this run: their images
    /// may be built together with <paramref name="service"/>'s.
    /// </summary>
    public static IReadOnlyList<string> PartnersInPlan(string service, bool slim, IReadOnlySet<string> plannedTasks) =>
        [.. Services.Where(row => row.Service != service && plannedTasks.Contains(slim ? row.SlimTask : row.StageTask)).Select(row => row.Service)];
}
