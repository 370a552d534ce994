using Build.Images;
using Build.TaskFacts;

namespace Build.Tasks;

/// <summary>
/// Which images build at the same time: an image task's partners are the other services' tasks of the same kind
/// that Cake planned for this run (<see cref="TaskCatalog.PartnersInPlan"/>), built together under BuildKit.
/// </summary>
public static class ImagePairs
{
    /// <summary>The images of the partner tasks in this run's plan, each planned by <paramref name="image"/>.</summary>
    public static IReadOnlyList<ImageSpec> PartnersInPlan(ImageSpec spec, IReadOnlySet<string> plannedTasks, Func<string, ImageFlavour, ImageSpec> image) =>
        [.. TaskCatalog.OfThisBuild.PartnersInPlan(spec, plannedTasks).Select(service => image(service, spec.Flavour))];

    /// <summary>
    /// The images built together with <paramref name="spec"/>: empty (sequential) with --parallel=false,
    /// without a partner in the plan, when any of the images is up to date (nothing to overlap; this is decided before
    /// the engine is probed, so an unchanged run never pays for the probe) and with the legacy builder.
    /// <paramref name="builderIsBuildKit"/> is asked last: it probes the builder.
    /// </summary>
    public static IReadOnlyList<ImageSpec> ParallelPartners(ImageSpec spec, IReadOnlyList<ImageSpec> partners, bool parallel,
        Func<ImageSpec, bool> upToDate, Func<bool> builderIsBuildKit)
    {
        if (!parallel || partners.Count == 0)
        {
            return [];
        }

        if (upToDate(spec) || partners.Any(upToDate) || !builderIsBuildKit())
        {
            return [];
        }

        return partners;
    }
}
