using Build.Images;
using Build.Tools.Docker;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BaseImages))]
[TaskDescription("Builds the local base images (Python runtime, Poetry builder) from this machine's Debian sources with mmdebstrap + docker import, for air-gapped builds.")]
public sealed class BaseImages(IEngineSession engine, LocalBaseImages localBaseImages) : FrostingTask<BuildContext>
{
    // The script makes the images the builds use: the names come from --base-image/--builder-image (cake.config).
    // The engine is found first: the script's docker commands go to it.
    public override void Run(BuildContext context)
    {
        _ = engine.Engine;
        localBaseImages.Build();
    }
}
