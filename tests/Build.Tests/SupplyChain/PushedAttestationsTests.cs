using System.Net;
using System.Security.Cryptography;
using System.Text;
using Build.SupplyChain;
using Build.Tests.Support;

namespace Build.Tests.SupplyChain;

/// <summary>
/// <see cref="PushedAttestations"/> against a real registry (Debian's docker-registry on 127.0.0.1): indexes pushed
/// over the registry's own API in the shape BuildKit pushes them (an image manifest, and an attestation manifest
/// marked <c>vnd.docker.reference.type: attestation-manifest</c> whose layers carry <c>in-toto.io/predicate-type</c>).
/// The build's own push of such an index on Docker 26 is Engine26SupplyChainTests.
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed class PushedAttestationsTests
{
    private const string Provenance = "https://slsa.dev/provenance/v0.2";
    private LocalRegistry _registry = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        LocalRegistry.Require();
        _registry = new LocalRegistry();
        _http = new HttpClient { BaseAddress = new Uri($"http://{_registry.Address}/v2/") };
    }

    [OneTimeTearDown]
    public void StopRegistry()
    {
        _http?.Dispose();
        _registry?.Dispose();
    }

    private PushedAttestations Reader() => new(() => PlainHttpRegistries.Loopback);

    [Test]
    public void Provenance_and_the_SBOM_are_found_in_the_pushed_index()
    {
        PushIndex("omninode/both", "prod", Provenance, PushedAttestations.SpdxPredicate);

        var found = Reader().Read($"{_registry.Address}/omninode/both:prod");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((found.Provenance, found.Sbom, found.Unreadable), Is.EqualTo((true, true, (string?)null)));
            Assert.That(found.Missing(), Is.Empty);
        }
    }

    [Test]
    public void An_index_with_provenance_only_misses_the_SBOM()
    {
        PushIndex("omninode/provenance-only", "prod", Provenance);

        var missing = Reader().Read($"{_registry.Address}/omninode/provenance-only:prod").Missing().ToArray();

        Assert.That(missing, Is.EqualTo(new[] { "no SBOM attached (an SPDX attestation in the pushed index)" }));
    }

    [Test]
    public void A_plain_image_manifest_carries_no_attestations()
    {
        PushImageManifest("omninode/plain", "prod");

        var missing = Reader().Read($"{_registry.Address}/omninode/plain:prod").Missing().ToArray();

        Assert.That(missing, Has.Length.EqualTo(2).And.Some.StartsWith("no provenance").And.Some.StartsWith("no SBOM"));
    }

    [Test]
    public void A_tag_that_is_not_in_the_registry_is_unreadable_and_says_so()
    {
        var found = Reader().Read($"{_registry.Address}/omninode/nothing:prod");

        Assert.That(found.Missing().Single(), Does.StartWith("its attestations could not be read").And.Contain("HTTP 404"));
    }

    /// <summary>An index as BuildKit pushes it: the image for linux/amd64, and one attestation manifest for it.</summary>
    private void PushIndex(string repository, string tag, params string[] predicates)
    {
        var (image, imageSize) = PushImageManifest(repository, null);
        var layers = predicates.Select(predicate =>
        {
            var (digest, size) = PushBlob(repository, $"{{\"predicateType\":\"{predicate}\"}}");
            return $"{{\"mediaType\":\"application/vnd.in-toto+json\",\"digest\":\"{digest}\",\"size\":{size}," +
                $"\"annotations\":{{\"in-toto.io/predicate-type\":\"{predicate}\"}}}}";
        });
        var (config, configSize) = PushBlob(repository, "{}");
        var attestation = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config}\",\"size\":{configSize}}}," +
            $"\"layers\":[{string.Join(',', layers)}]}}";
        var (attestationDigest, attestationSize) = PutManifest(repository, null, attestation, "application/vnd.oci.image.manifest.v1+json");
        var index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
            $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{image}\",\"size\":{imageSize}," +
            "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}," +
            $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{attestationDigest}\",\"size\":{attestationSize}," +
            "\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}," +
            $"\"annotations\":{{\"vnd.docker.reference.digest\":\"{image}\",\"vnd.docker.reference.type\":\"attestation-manifest\"}}}}]}}";
        PutManifest(repository, tag, index, "application/vnd.oci.image.index.v1+json");
    }

    private (string Digest, long Size) PushImageManifest(string repository, string? tag)
    {
        var (config, configSize) = PushBlob(repository, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        var manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config}\",\"size\":{configSize}}},\"layers\":[]}}";
        return PutManifest(repository, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
    }

    private (string Digest, long Size) PushBlob(string repository, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var digest = Digest(bytes);
        using var start = _http.Send(new HttpRequestMessage(HttpMethod.Post, $"{repository}/blobs/uploads/"));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var location = start.Headers.Location!;
        var upload = new Uri(location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location), null as string);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var put = _http.Send(new HttpRequestMessage(HttpMethod.Put, $"{upload}{separator}digest={digest}") { Content = new ByteArrayContent(bytes) });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), put.Content.ReadAsStringAsync().Result);
        return (digest, bytes.Length);
    }

    private (string Digest, long Size) PutManifest(string repository, string? tag, string manifest, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(manifest);
        var digest = Digest(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var put = _http.Send(new HttpRequestMessage(HttpMethod.Put, $"{repository}/manifests/{tag ?? digest}") { Content = content });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), put.Content.ReadAsStringAsync().Result);
        return (digest, bytes.Length);
    }

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
