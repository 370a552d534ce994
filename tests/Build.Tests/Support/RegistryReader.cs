using System.Text.Json;

namespace Build.Tests.Support;

/// <summary>
/// Reads manifests and blobs straight from a registry's HTTP API (distribution v2, plain http), the way a puller sees
/// them: what the build pushed, not what the engine or cosign says about it.
/// </summary>
public sealed class RegistryReader(string address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://{address}/v2/"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The manifest <paramref name="reference"/> (a tag or a digest) of <paramref name="repository"/>, and its digest.</summary>
    public (string Digest, JsonElement Manifest) Manifest(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{repository}/manifests/{reference}");
        request.Headers.Accept.ParseAdd(Build.SupplyChain.PushedAttestations.ManifestMediaTypes);
        using var response = _http.Send(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {repository}/manifests/{reference}: {(int)response.StatusCode}");
        var body = response.Content.ReadAsStringAsync().Result;
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.Single() : "";
        return (digest, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>The blob <paramref name="digest"/> of <paramref name="repository"/> as JSON.</summary>
    public JsonElement JsonBlob(string repository, string digest)
    {
        using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, $"{repository}/blobs/{digest}"));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {repository}/blobs/{digest}: {(int)response.StatusCode}");
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement.Clone();
    }

    /// <summary>The image manifest an index names: the one entry whose platform is not BuildKit's unknown/unknown of attestations.</summary>
    public static JsonElement PlatformManifest(JsonElement index) =>
        index.GetProperty("manifests").EnumerateArray().Single(entry => entry.GetProperty("platform").GetProperty("os").GetString() != "unknown");

    public void Dispose() => _http.Dispose();
}
