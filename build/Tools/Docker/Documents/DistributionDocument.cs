using System.Text.Json.Serialization;

namespace Build.Tools.Docker.Documents;

/// <summary>
/// <c>GET /distribution/{name}/json</c>: what the registry holds for a reference, asked by the engine (with its
/// insecure-registries and mirrors). The descriptor's digest is the manifest's (or index's) that a pull by digest gets.
/// </summary>
public sealed record DistributionDocument
{
    public DistributionDescriptorDocument? Descriptor { get; init; }
}

/// <summary>The registry's descriptor of a reference (an OCI descriptor: its fields are lower case, unlike the engine's own).</summary>
public sealed record DistributionDescriptorDocument
{
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
