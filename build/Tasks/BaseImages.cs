using Build.Tools;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BaseImages))]
[TaskDescription("Builds the local base images (Python runtime, Poetry builder) from this machine's Debian sources with mmdebstrap + docker import, for air-gapped builds.")]
public sealed class BaseImages : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        // The script makes the images the builds use: the names come from --base-image/--builder-image (cake.config).
        var environment = new Dictionary<string, string> { ["DOCKER"] = context.Options.DockerExecutable };
        if (context.Options.BaseImage is { } runtime)
        {
            environment["RUNTIME_IMAGE"] = runtime;
        }

        if (context.Options.BuilderImage is { } builder)
        {
            environment["BUILDER_IMAGE"] = builder;
        }

        var command = ToolCommand.Create("bash", context.Options.RepositoryRoot, arguments =>
        {
            arguments.Append("scripts/base-images.sh");
            if (context.Options.Force)
            {
                arguments.Append("--force");
            }
        }, environment);
        context.Runner.Run(command);
    }
}
