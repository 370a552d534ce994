using System.Text.Json.Serialization;

namespace Build.SupplyChain;

/// <summary>The fields of an SPDX 2.3 JSON document the build reads (the generator writes more).</summary>
public sealed record SpdxDocument(
    [property: JsonPropertyName("spdxVersion")] string? SpdxVersion,
    [property: JsonPropertyName("documentDescribes")] IReadOnlyList<string>? DocumentDescribes,
    [property: JsonPropertyName("packages")] IReadOnlyList<SpdxPackage>? Packages);

/// <summary>One package: its purl tells a Debian package (pkg:deb/) from a Python distribution (pkg:pypi/).</summary>
public sealed record SpdxPackage(
    [property: JsonPropertyName("SPDXID")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versionInfo")] string? Version,
    [property: JsonPropertyName("licenseDeclared")] string? LicenseDeclared,
    [property: JsonPropertyName("externalRefs")] IReadOnlyList<SpdxExternalReference>? ExternalReferences)
{
    /// <summary>"deb", "pypi", or "other" (the project's own package when it is not installed as a distribution).</summary>
    public string Kind => ExternalReferences?.FirstOrDefault(reference => reference.Type == "purl")?.Locator is { } purl
        && purl.StartsWith("pkg:", StringComparison.Ordinal)
        ? purl[4..].Split('/')[0]
        : "other";
}

public sealed record SpdxExternalReference(
    [property: JsonPropertyName("referenceType")] string Type,
    [property: JsonPropertyName("referenceLocator")] string Locator);
