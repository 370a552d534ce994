using Build.Images;
using Build.Tools.Docker;

namespace Build.Tasks;

/// <summary>
/// Which images build at the same time: an image task's partners are the other services' tasks of the same kind
/// that Cake planned for this run (<see cref="ImageTable.PartnersInPlan"/>), built together under BuildKit.
/// </summary>
public static class ImagePairs
{
    /// <summary>The images of the partner tasks in this run's plan.</summary>
    public static IReadOnlyList<ImageSpec> PartnersInPlan(BuildContext context, ImageSpec spec) =>
        [.. ImageTable.PartnersInPlan(spec.Service, spec.Flavour == ImageFlavour.Slim, context.PlannedTasks)
            .Select(service => context.Image(service, spec.Flavour))];

    /// <summary>
    /// The images built together with <paramref name="spec"/>: empty (sequential) in a dry run, with --parallel=false,
    /// without a partner in the plan, when any of the images is up to date (nothing to overlap; this is decided before
    /// the engine is probed, so an unchanged run never pays for the probe) and with the legacy builder.
    /// </summary>
    public static IReadOnlyList<ImageSpec> ParallelPartners(BuildContext context, ImageSpec spec, IReadOnlyList<ImageSpec> partners)
    {
        if (context.Options.DryRun || !context.Options.Parallel || partners.Count == 0)
        {
            return [];
        }

        var inputs = context.ImageInputs;
        if (inputs.Freshness(spec, context.Options.Force).Skips || partners.Any(partner => inputs.Freshness(partner, context.Options.Force).Skips)
            || !context.Engine.Builder.IsBuildKit())
        {
            return [];
        }

        return partners;
    }
}
