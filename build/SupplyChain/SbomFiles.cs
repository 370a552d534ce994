using Build.Images;

namespace Build.SupplyChain;

/// <summary>Where each image's SBOM is written by its build and read by Push's attestation: one rule, one place.</summary>
public static class SbomFiles
{
    public const string Folder = "artifacts/sbom";

    /// <summary>artifacts/sbom/orchestrator-production.spdx.json: an SPDX 2.3 JSON document.</summary>
    public static string PathFor(string repositoryRoot, string service, ImageFlavour flavour) =>
        Path.Combine(repositoryRoot, Folder, $"{service}-{flavour.ToString().ToLowerInvariant()}.spdx.json");
}
