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
        context.Report.ImageOfTask(ImagePairs.TaskName(GetType()), spec);
        var partner = ImagePairs.PartnerInPlan(context, this);
        if (partner is not null && ImagePairs.PartnerOf(GetType()) is { } partnerTask)
        {
            // The partner's build may start (and end) here, before its own task runs, or without it when this one fails.
            context.Report.ImageOfTask(ImagePairs.TaskName(partnerTask), partner);
        }

        // One `docker image inspect` answers for both images and their base images.
        context.ImageInputs.Prefetch(partner is null ? [spec] : [spec, partner]);
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
