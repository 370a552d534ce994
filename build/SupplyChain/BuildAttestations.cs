using Build.Images;
using Build.Tools.Docker;

namespace Build.SupplyChain;

/// <summary>
/// Which attestations a build attaches, decided here once from the engine's facts: BuildKit provenance (mode=max)
/// and an SBOM from the build's own generator image, for production and slim images built with buildx on an engine
/// with the containerd image store. The classic store refuses attestations with buildx's docker driver ("Attestation
/// is not supported for the docker driver"), and `docker build` without buildx has no --attest.
/// </summary>
public static class BuildAttestations
{
    public const string Provenance = "type=provenance,mode=max";

    /// <summary>Whether the engine and builder can attach attestations at all.</summary>
    public static bool EngineCan(DockerBuilder builder, string? imageStore) => builder == DockerBuilder.Buildx && imageStore == ImageStores.Containerd;

    /// <summary>The --attest values of one image's build; empty where the engine cannot or the image does not ship.</summary>
    public static IReadOnlyList<string> For(ImageFlavour flavour, DockerBuilder builder, string? imageStore, string generatorImage) =>
        EngineCan(builder, imageStore) && ImageSboms.Covers(flavour) ? [Provenance, $"type=sbom,generator={generatorImage}"] : [];

    /// <summary>Whether these attestations carry provenance (what the report's provenance says).</summary>
    public static bool CarryProvenance(IReadOnlyList<string> attestations) => attestations.Contains(Provenance);
}
