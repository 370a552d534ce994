using Build.Reporting;
using Build.SupplyChain;
using Build.Tools;
using Build.Tools.Docker;

namespace Build.Images;

/// <summary>
/// What an image build talks to: the runner, the engine's answers about images, the report, the local base images,
/// the builder with its command lines, which are probed on first use (an unchanged image never probes them), and the
/// run's side effects (what it says instead of building, in a dry run), the SBOMs written after a build, the engine's
/// image store (whether it can take attestations) and the SBOM generator image the attestations need.
/// </summary>
public sealed record ImageBuildTools(ICommandRunner Runner, ImageInputs Inputs, BuildReport Report, LocalBaseImages LocalBaseImages,
    Func<DockerBuilder> Builder, Func<DockerCommands> BuildDocker, Func<DockerCommands> Docker, ISideEffects Effects,
    ImageSboms Sboms, Func<string?> ImageStore, SbomGeneratorImage Generator)
{
    /// <summary>The builder's client and the reason it was chosen (for what a refusal names); by default the builder alone.</summary>
    public Func<BuilderChoice>? Choice { get; init; }

    /// <summary>The driver of buildx's current builder (`docker buildx inspect`), asked only when a cache export depends on it.</summary>
    public Func<string?> BuildxDriver { get; init; } = () => null;
}
