using System.Text.Json;

namespace Build.SupplyChain;

/// <summary>
/// What BuildKit attached to an image in its registry: the in-toto predicate types of the attestation manifests in
/// the pushed index (BuildKit's provenance, the SBOM of the build's generator), read over the registry's HTTP API as
/// a puller sees them, not from what the engine or cosign says. Read anonymously: a registry that wants a login for
/// reading answers 401, and that is reported as unreadable, never guessed around.
/// </summary>
/// <param name="plainHttp">The registries the engine speaks plain http to; every other one is asked in https.</param>
public sealed class PushedAttestations(Func<PlainHttpRegistries> plainHttp)
{
    public const string ProvenancePrefix = "https://slsa.dev/provenance/";
    public const string SpdxPredicate = "https://spdx.dev/Document";

    /// <summary>BuildKit's mark on an attestation manifest inside an index.</summary>
    private const string ReferenceType = "vnd.docker.reference.type";
    private const string PredicateType = "in-toto.io/predicate-type";

    /// <summary>The manifest kinds a registry may answer with, index or image, OCI or Docker's: the Accept of a puller.</summary>
    public const string ManifestMediaTypes = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
        + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The attestations of <paramref name="reference"/> (REGISTRY/REPOSITORY:TAG or @sha256:…).</summary>
    public PushedAttestation Read(string reference)
    {
        var (registry, repository, tagOrDigest) = Split(reference);
        var scheme = plainHttp().Includes(reference) ? "http" : "https";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30), BaseAddress = new Uri($"{scheme}://{registry}/v2/{repository}/manifests/") };
        try
        {
            using var index = Manifest(http, tagOrDigest);
            if (!index.RootElement.TryGetProperty("manifests", out var manifests))
            {
                return new PushedAttestation(reference, [], null);
            }

            var predicates = new List<string>();
            foreach (var entry in manifests.EnumerateArray())
            {
                if (entry.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty(ReferenceType, out var type)
                    && type.GetString() == "attestation-manifest")
                {
                    using var attestation = Manifest(http, entry.GetProperty("digest").GetString()!);
                    predicates.AddRange(attestation.RootElement.GetProperty("layers").EnumerateArray()
                        .Select(layer => layer.TryGetProperty("annotations", out var layerAnnotations)
                            && layerAnnotations.TryGetProperty(PredicateType, out var predicate) ? predicate.GetString() : null)
                        .OfType<string>());
                }
            }

            return new PushedAttestation(reference, predicates, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
            or UriFormatException or NotSupportedException)
        {
            return new PushedAttestation(reference, [], $"{scheme}://{registry}/v2/{repository}/manifests/{tagOrDigest}: {exception.Message}");
        }
    }

    private static JsonDocument Manifest(HttpClient http, string tagOrDigest)
    {
        // "./": a digest would read as an absolute URI of scheme "sha256".
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseAddress!, "./" + tagOrDigest));
        request.Headers.Accept.ParseAdd(ManifestMediaTypes);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        using var body = response.Content.ReadAsStream();
        return JsonDocument.Parse(body);
    }

    /// <summary>127.0.0.1:5000/omninode/reducer:prod → (127.0.0.1:5000, omninode/reducer, prod); a digest stays whole.</summary>
    public static (string Registry, string Repository, string TagOrDigest) Split(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var registry = reference[..slash];
        var path = reference[(slash + 1)..];
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (registry, path[..at], path[(at + 1)..]);
        }

        var colon = path.LastIndexOf(':');
        return colon > path.LastIndexOf('/') ? (registry, path[..colon], path[(colon + 1)..]) : (registry, path, "latest");
    }
}

/// <summary>The predicate types attached to one pushed image, or why they could not be read.</summary>
public sealed record PushedAttestation(string Reference, IReadOnlyList<string> Predicates, string? Unreadable)
{
    public bool Provenance => Predicates.Any(predicate => predicate.StartsWith(PushedAttestations.ProvenancePrefix, StringComparison.Ordinal));

    public bool Sbom => Predicates.Contains(PushedAttestations.SpdxPredicate);

    /// <summary>What a pushed image from an engine that attests should carry and does not; empty when all is there.</summary>
    public IEnumerable<string> Missing()
    {
        if (Unreadable is not null)
        {
            yield return $"its attestations could not be read ({Unreadable})";
            yield break;
        }

        if (!Provenance)
        {
            yield return "no provenance attached (BuildKit's SLSA provenance in the pushed index)";
        }

        if (!Sbom)
        {
            yield return "no SBOM attached (an SPDX attestation in the pushed index)";
        }
    }
}
