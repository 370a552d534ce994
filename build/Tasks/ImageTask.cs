using Build.Images;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the image tasks share: which service and which flavour (the images are in <see cref="ImageTable"/>). A task
/// file then says only that.
/// In a dry run the same code runs with the command runner printing instead of executing.
/// </summary>
public abstract class ImageTask(string service) : FrostingTask<BuildContext>
{
    public string Service { get; } = service;

    protected abstract ImageFlavour Flavour(BuildContext context);

    /// <summary>The image this task builds.</summary>
    public ImageSpec Spec(BuildContext context) => context.Image(Service, Flavour(context));

    /// <summary>Alone, or together with its pair's image when the builder is BuildKit (<see cref="ImagePairs"/>).</summary>
    public override void Run(BuildContext context)
    {
        var spec = Spec(context);
        var partners = ImagePairs.PartnersInPlan(spec, context.PlannedTasks, context.Image);
        // One question answers for all these images and their base images; a missing local base image is made first.
        ImageSpec[] specs = [spec, .. partners];
        var missingBases = context.ImageInputs.MissingBaseImages(specs);
        if (context.LocalBaseImages.BuildWhenMissing(missingBases))
        {
            context.ImageInputs.Forget(missingBases);
            context.ImageInputs.Prefetch(specs);
        }

        var options = context.Options;
        var together = ImagePairs.ParallelPartners(spec, partners, options.DryRun, options.Parallel,
            image => context.ImageInputs.Freshness(image, options.Force).Skips, () => context.BuilderChoice.Builder.IsBuildKit());
        var builder = ImageBuilder.For(context);
        context.ImageBuilds.Run(spec, together,
            (image, outputLine, cancellationToken) => builder.Build(image, outputLine, cancellationToken));
    }
}
