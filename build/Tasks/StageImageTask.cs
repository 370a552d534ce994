using Build.Images;

namespace Build.Tasks;

/// <summary>deployment/Dockerfile.&lt;service&gt; at the stage of the build target.</summary>
public abstract class StageImageTask(string service) : ImageTask(service)
{
    protected override ImageFlavour Flavour(BuildContext context) => context.TargetFlavour;
}
