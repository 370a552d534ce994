using Build.Reporting;
using Build.Tools;
using Build.Tools.Docker;

namespace Build.Images;

/// <summary>
/// What an image build talks to: the runner, the engine's answers about images, the report, the local base images,
/// and the builder with its command lines, which are probed on first use (an unchanged image never probes them).
/// </summary>
public sealed record ImageBuildTools(CommandRunner Runner, ImageInputs Inputs, BuildReport Report, LocalBaseImages LocalBaseImages,
    Func<DockerBuilder> Builder, Func<DockerCommands> BuildDocker, Func<DockerCommands> Docker);
