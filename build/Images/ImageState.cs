using System.Text.Json;
using System.Text.RegularExpressions;

namespace Build.Images;

/// <summary>
/// What the engine knows of an image, read from its inspect document: the one reader of image inspect output, for
/// the engine API's <c>GET /images/{name}/json</c> and the client's <c>docker image inspect</c> (an array of the same
/// documents). Freshness reads the id, tags and input digest; the report the size; Verify the user, health check,
/// labels and size.
/// </summary>
/// <param name="Id">The image id (<c>sha256:…</c>).</param>
/// <param name="InputDigest">The <see cref="ImageFreshness.DigestLabel"/> label, when the image has it.</param>
/// <param name="RepoTags">Every tag pointing at the image.</param>
public sealed partial record ImageState(string Id, string? InputDigest, IReadOnlyList<string> RepoTags)
{
    /// <summary>The image's size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The configured user; empty when unset (root).</summary>
    public string User { get; init; } = "";

    /// <summary>Whether the image has a health check that is not switched off.</summary>
    public bool HasHealthcheck { get; init; }

    /// <summary>The image's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Maps the states of one <c>docker image inspect</c> of several references back to them: a found image lists the
    /// reference among its tags (a reference without a tag means :latest); the engine names each missing one
    /// ("No such image: x"). References it does not account for (an id, a digest) are left out, to ask alone.
    /// </summary>
    public static IEnumerable<(string Reference, ImageState? State)> Match(IReadOnlyList<string> references, IReadOnlyList<ImageState> states, IEnumerable<string> error)
    {
        var missing = error.SelectMany(line => MissingImage().Matches(line)).Select(match => match.Groups[1].Value.TrimEnd(':')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in references)
        {
            var tagged = reference.LastIndexOf(':') > reference.LastIndexOf('/') ? reference : reference + ":latest";
            if (states.FirstOrDefault(state => state.RepoTags.Contains(tagged, StringComparer.Ordinal)) is { } found)
            {
                yield return (reference, found);
            }
            else if (missing.Contains(reference))
            {
                yield return (reference, null);
            }
        }
    }

    /// <summary>Reads the output of <c>docker image inspect</c> (a JSON array of documents); empty when it is not one.</summary>
    public static IReadOnlyList<ImageState> FromInspectOutput(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(From).OfType<ImageState>()]
                : From(document.RootElement) is { } one ? [one] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Reads one image inspect document (the engine API's answer); null when it is not one.</summary>
    public static ImageState? FromInspectDocument(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Labels, tags or a health check of another kind count as none.
    private static ImageState? From(JsonElement image)
    {
        if (image.ValueKind != JsonValueKind.Object || !image.TryGetProperty("Id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { } id || !id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var config = image.TryGetProperty("Config", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out var labelsElement) && labelsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelsElement.EnumerateObject())
            {
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : "";
            }
        }

        var repoTags = image.TryGetProperty("RepoTags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(tag => tag.ValueKind == JsonValueKind.String ? tag.GetString()! : "").ToArray()
            : [];
        var user = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("User", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        var healthcheck = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Healthcheck", out var h) && h.ValueKind == JsonValueKind.Object
            // HEALTHCHECK NONE is stored as Test ["NONE"]: a health check switched off.
            && !(h.TryGetProperty("Test", out var test) && test.ValueKind == JsonValueKind.Array && test.GetArrayLength() > 0 && test[0].GetString() == "NONE");
        var size = image.TryGetProperty("Size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var bytes) ? bytes : 0;
        return new ImageState(id, labels.GetValueOrDefault(ImageFreshness.DigestLabel), repoTags)
        {
            SizeBytes = size,
            User = user,
            HasHealthcheck = healthcheck,
            Labels = labels,
        };
    }

    [GeneratedRegex(@"no such image: (\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MissingImage();
}
