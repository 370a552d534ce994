using Build.Images;
using Build.TaskFacts;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the image tasks share. A task file says only which image it builds (<see cref="BuildsImageAttribute"/>: a
/// service of <see cref="ImageTable"/>, at the build target's stage or as slim).
/// In a dry run the same code runs with the command runner printing instead of executing.
/// </summary>
[ReadsProjectVersion]
[LeavesWhenInterrupted("Every image keeps the tags it had: docker build tags an image only when it is complete.")]
public abstract class ImageTask : FrostingTask<BuildContext>
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
