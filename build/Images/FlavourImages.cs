namespace Build.Images;

/// <summary>How one flavour of image is made from a service's Dockerfile and tagged.</summary>
/// <param name="Flavour">The flavour.</param>
/// <param name="DockerfileFolder">The folder of the services' <c>Dockerfile.&lt;service&gt;</c>.</param>
/// <param name="Stage">The Dockerfile stage built (also compose's BUILD_TARGET).</param>
/// <param name="Tag">The flavour's own tag, first of its tags (also compose's IMAGE_TAG).</param>
/// <param name="SourceTagSuffix">Suffix of the version, <c>sha-</c> and branch tags; null: the flavour has none.</param>
/// <param name="Latest">Whether the image is tagged <c>latest</c> too.</param>
/// <param name="TakesExtraTags">Whether the <c>--tag</c> values go to it.</param>
public sealed record FlavourImages(
    ImageFlavour Flavour, string DockerfileFolder, string Stage, string Tag, string? SourceTagSuffix, bool Latest, bool TakesExtraTags)
{
    /// <summary>The Dockerfile of <paramref name="service"/> in this flavour, relative to the repository root.</summary>
    public string Dockerfile(string service) => $"{DockerfileFolder}/Dockerfile.{service}";
}
