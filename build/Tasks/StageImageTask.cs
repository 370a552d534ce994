using Build.Images;

namespace Build.Tasks;

/// <summary>deployment/Dockerfile.&lt;service&gt; at the stage of the build target.</summary>
public abstract class StageImageTask(string service, ImageTaskServices services) : ImageTask(service, services)
{
    protected override ImageFlavour Flavour(BuildContext context) => context.TargetFlavour;
}
