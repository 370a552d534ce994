using System.Text.Json;
using Build.Images;

namespace Build.Verification;

/// <summary>
/// What Verify checks about one image, read from `docker image inspect` (JSON) and, for slim images, from a probe
/// for Poetry inside it. <see cref="HasPoetry"/> is null when not probed.
/// </summary>
public sealed record ImageFacts(
    string Reference,
    ImageFlavour Flavour,
    string User,
    bool HasHealthcheck,
    long SizeBytes,
    IReadOnlyDictionary<string, string> Labels,
    bool? HasPoetry = null)
{
    /// <summary>Reads the first image of `docker image inspect` output (a JSON array).</summary>
    public static ImageFacts Parse(string reference, ImageFlavour flavour, string inspectJson)
    {
        using var document = JsonDocument.Parse(inspectJson);
        var image = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        var config = image.TryGetProperty("Config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var user = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("User", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        var healthcheck = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Healthcheck", out var h) && h.ValueKind == JsonValueKind.Object
            // HEALTHCHECK NONE is stored as Test ["NONE"]: a health check switched off.
            && !(h.TryGetProperty("Test", out var test) && test.ValueKind == JsonValueKind.Array && test.GetArrayLength() > 0 && test[0].GetString() == "NONE");
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in l.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }
        }

        var size = image.TryGetProperty("Size", out var s) && s.TryGetInt64(out var bytes) ? bytes : 0;
        return new ImageFacts(reference, flavour, user, healthcheck, size, labels);
    }
}
