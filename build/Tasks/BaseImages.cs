using Build.Images;
using Build.Tools.Docker;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BaseImages))]
[TaskDescription(
    "Builds the local base images (Python runtime, Poetry builder) from this machine's Debian sources with mmdebstrap + docker import, " +
    "for air-gapped builds.")]
[LeavesWhenInterrupted("A base image is either imported whole or not at all: run BaseImages again.")]
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
