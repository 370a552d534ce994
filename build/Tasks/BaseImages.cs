using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BaseImages))]
[TaskDescription(
    "Builds the local base images (Python runtime, Poetry builder) from this machine's Debian sources with mmdebstrap + docker import, " +
    "for air-gapped builds.")]
[LeavesWhenInterrupted("A base image is either imported whole or not at all: run BaseImages again.")]
public sealed class BaseImages : FrostingTask<BuildContext>
{
    // The script makes the images the builds use: the names come from --base-image/--builder-image (cake.config).
    // The engine is found first: the script's docker commands get its DOCKER_HOST.
    public override void Run(BuildContext context)
    {
        _ = context.EngineInUse;
        context.LocalBaseImages.Build();
    }
}
