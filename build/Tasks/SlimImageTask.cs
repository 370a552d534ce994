using Build.Images;

namespace Build.Tasks;

/// <summary>docker/bridge-nodes/Dockerfile.&lt;service&gt;: the minimal runtime image.</summary>
public abstract class SlimImageTask(string service, ImageTaskServices services) : ImageTask(service, services)
{
    protected override ImageFlavour Flavour(BuildContext context) => ImageFlavour.Slim;
}
