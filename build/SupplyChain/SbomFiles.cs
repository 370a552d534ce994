using Build.Images;

namespace Build.SupplyChain;

/// <summary>
/// Where an image's SBOM is written: artifacts/sbom/{service}-{flavour}.spdx.json, the bare SPDX 2.3 document. Push
/// attaches the same file as a signed attestation, so the rule lives here once; the previous build's file of the same
/// image is kept under artifacts/sbom/previous/ to say what changed.
/// </summary>
public static class SbomFiles
{
    /// <summary>The folder of the SBOMs, relative to the repository root (as messages name it).</summary>
    public const string Folder = "artifacts/sbom";

    public static string PathFor(string repositoryRoot, string service, ImageFlavour flavour) =>
        Path.Combine(repositoryRoot, Folder, FileName(service, flavour));

    /// <summary>The SBOM of the build before this one of the same image.</summary>
    public static string PreviousPathFor(string repositoryRoot, string service, ImageFlavour flavour) =>
        Path.Combine(repositoryRoot, Folder, "previous", FileName(service, flavour));

    /// <summary>
    /// What the image's SBOM was made from (<see cref="ImageSboms"/>): machine state beside the host's other caches, not
    /// an artifact.
    /// </summary>
    public static string InputsPathFor(string repositoryRoot, string service, ImageFlavour flavour) =>
        Path.Combine(repositoryRoot, ".build", "sbom", FileName(service, flavour) + ".inputs");

    /// <summary>The path as the report shows it: relative to the repository root, with forward slashes.</summary>
    public static string Relative(string repositoryRoot, string path) => Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');

    private static string FileName(string service, ImageFlavour flavour) => $"{service}-{flavour.ToString().ToLowerInvariant()}.spdx.json";
}
