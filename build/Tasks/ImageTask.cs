using Build.Images;
using Build.TaskFacts;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the image tasks share. A task file says only which image it builds (<see cref="BuildsImageAttribute"/>: a
/// service of <see cref="ImageTable"/>, at the build target's stage or as slim).
/// In a dry run the same code runs with the dry run's services: commands printed, side effects told.
/// </summary>
[ReadsProjectVersion]
[LeavesWhenInterrupted("Every image keeps the tags it had: docker build tags an image only when it is complete.")]
public abstract class ImageTask(ImageTaskServices services) : FrostingTask<BuildContext>
{
    /// <summary>The image this task class builds, from its <see cref="BuildsImageAttribute"/>.</summary>
    public ImageOfTask Image => _image ??= TaskCatalog.Read(GetType()).Image
        ?? throw new InvalidOperationException($"{GetType().Name} is an image task without [BuildsImage(SERVICE)].");

    private ImageOfTask? _image;

    public string Service => Image.Service;

    private ImageFlavour Flavour(BuildContext context) => Image.In(context.TargetFlavour);

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
