using Build.Images;
using Cake.Frosting;

namespace Build.Tasks;

/// <summary>
/// What the four image tasks share: which service and which flavour. A task file then says only that.
/// In a dry run the same code runs with the command runner printing instead of executing.
/// </summary>
public abstract class ImageTask(string service) : FrostingTask<BuildContext>
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
        // One `docker image inspect` answers for both images and their base images.
        context.ImageInputs.Prefetch(partner is null ? [spec] : [spec, partner]);
        context.ImageBuilds.Run(spec, ImagePairs.ParallelPartners(context, spec, partner),
            (image, outputLine, cancellationToken) => ImageBuilder.Build(context, image, outputLine, cancellationToken));
    }
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
