using Build.Images;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the image tasks share: which service and which flavour (the images are in <see cref="ImageTable"/>). A task
/// file then says only that, and hands on the services its constructor is given.
/// In a dry run the same code runs with the dry run's services: commands printed, side effects told.
/// </summary>
public abstract class ImageTask(string service, ImageTaskServices services) : FrostingTask<BuildContext>
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
        var inputs = services.Inputs;
        var missingBases = inputs.MissingBaseImages(specs);
        if (services.LocalBaseImages.BuildWhenMissing(missingBases))
        {
            inputs.Forget(missingBases);
            inputs.Prefetch(specs);
        }

        var options = context.Options;
        // A dry run shows the builds one after the other, in the order of the plan.
        var together = services.Effects.Make(
            () => ImagePairs.ParallelPartners(spec, partners, options.Parallel,
                image => inputs.Freshness(image, options.Force).Skips, () => services.Engine.Builder.Builder.IsBuildKit()),
            () => []);
        services.Builds.Run(spec, together,
            (image, outputLine, cancellationToken) => services.Builder.Build(image, outputLine, cancellationToken));
    }
}
