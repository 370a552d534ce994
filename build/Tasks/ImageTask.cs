using Build.Images;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the four image tasks share: which service and which flavour. A task file then says only that.
/// In a dry run the same code runs with the command runner printing instead of executing.
/// </summary>
public abstract class ImageTask(string service) : FrostingTask<BuildContext>, IDryRunnable<BuildContext>
{
    public string Service { get; } = service;

    protected abstract ImageFlavour Flavour(BuildContext context);

    /// <summary>The image this task builds.</summary>
    public ImageSpec Spec(BuildContext context) => context.Image(Service, Flavour(context));

    /// <summary>Alone, or together with its pair's image when the builder is BuildKit (issue 6: <see cref="ImagePairs"/>).</summary>
    public override void Run(BuildContext context)
    {
        var spec = Spec(context);
        var partner = ImagePairs.PartnerInPlan(context, this);
        // One question answers for both images and their base images; a missing local base image is made first.
        ImageSpec[] specs = partner is null ? [spec] : [spec, partner];
        var missingBases = context.ImageInputs.MissingBaseImages(specs);
        if (context.LocalBaseImages.BuildWhenMissing(missingBases))
        {
            context.ImageInputs.Forget(missingBases);
            context.ImageInputs.Prefetch(specs);
        }

        context.ImageBuilds.Run(spec, ImagePairs.ParallelPartners(context, spec, partner),
            (image, outputLine, cancellationToken) => ImageBuilder.Build(context, image, outputLine, cancellationToken));
    }

    public void DryRun(BuildContext context) => Run(context);
}

/// <summary>deployment/Dockerfile.&lt;service&gt; at the stage of the build target.</summary>
public abstract class StageImageTask(string service) : ImageTask(service)
{
    protected override ImageFlavour Flavour(BuildContext context) => context.TargetFlavour;
}

/// <summary>docker/bridge-nodes/Dockerfile.&lt;service&gt;: the minimal runtime image.</summary>
public abstract class SlimImageTask(string service) : ImageTask(service)
{
    protected override ImageFlavour Flavour(BuildContext context) => ImageFlavour.Slim;
}
