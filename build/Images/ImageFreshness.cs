namespace Build.Images;

/// <summary>
/// Whether an image must be built: a pure function of its spec, its input digest, what the engine has under the
/// primary tag and --force.
/// </summary>
public static class ImageFreshness
{
    /// <summary>The label carrying the input digest the image was built from.</summary>
    public const string DigestLabel = "io.omninode.bridge.input-digest";

    public static Freshness Decide(ImageSpec spec, string digest, ImageState? existing, bool force)
    {
        if (force)
        {
            return new Freshness(FreshnessVerdict.Build, "--force", []);
        }

        if (existing is null)
        {
            return new Freshness(FreshnessVerdict.Build, $"no image {spec.PrimaryReference} yet", []);
        }

        if (existing.InputDigest is null)
        {
            return new Freshness(FreshnessVerdict.Build, $"{spec.PrimaryReference} has no {DigestLabel} label", []);
        }

        if (!string.Equals(existing.InputDigest, digest, StringComparison.Ordinal))
        {
            return new Freshness(FreshnessVerdict.Build, "inputs changed", []);
        }

        var missing = spec.References.Where(reference => !existing.RepoTags.Contains(reference, StringComparer.Ordinal)).ToArray();
        return missing.Length == 0
            ? new Freshness(FreshnessVerdict.UpToDate, "inputs unchanged", [])
            : new Freshness(FreshnessVerdict.Retag, $"inputs unchanged, {missing.Length} tag(s) to add", missing);
    }
}
