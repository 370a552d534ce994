using System.Text.Json;

namespace Build.Images;

/// <summary>What the engine knows of an image: id, input-digest label and every tag pointing at it.</summary>
public sealed record ImageState(string Id, string? InputDigest, IReadOnlyList<string> RepoTags)
{
    /// <summary>The `docker image inspect` format <see cref="Parse"/> reads: id|labels as JSON|tags as JSON.</summary>
    public const string InspectFormat = "{{.Id}}|{{json .Config.Labels}}|{{json .RepoTags}}";

    /// <summary>
    /// Maps the output of one `docker image inspect` of several references back to them: a found image lists the
    /// reference among its tags (a reference without a tag means :latest); the engine names each missing one
    /// ("No such image: x"). References it does not account for (an id, a digest) are left out, to ask alone.
    /// </summary>
    public static IEnumerable<(string Reference, ImageState? State)> Match(IReadOnlyList<string> references, IEnumerable<string> output, IEnumerable<string> error)
    {
        var states = output.Select(Parse).OfType<ImageState>().ToArray();
        var missing = error.SelectMany(line => MissingImage.Matches(line)).Select(match => match.Groups[1].Value.TrimEnd(':')).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

    private static readonly System.Text.RegularExpressions.Regex MissingImage =
        new(@"no such image: (\S+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Reads the engine API's image inspect document (<c>GET /images/{name}/json</c>); null when it is not one.</summary>
    public static ImageState? FromInspectDocument(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var config = root.TryGetProperty("Config", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
            return From(id.GetString()!,
                config.ValueKind == JsonValueKind.Object && config.TryGetProperty("Labels", out var labels) ? labels : default,
                root.TryGetProperty("RepoTags", out var tags) ? tags : default);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses one line of <see cref="InspectFormat"/>; null when it is not one.</summary>
    public static ImageState? Parse(string line)
    {
        var parts = line.Trim().Split('|', 3);
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var labels = JsonDocument.Parse(parts[1]);
            using var tags = JsonDocument.Parse(parts[2]);
            return From(parts[0], labels.RootElement, tags.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The state from an id, the labels object and the tags array, as both the client's format and the engine's
    /// document carry them; null when the id is not an image id. Labels or tags of another kind count as none.
    /// </summary>
    private static ImageState? From(string id, JsonElement labels, JsonElement tags)
    {
        if (!id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var digest = labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(ImageFreshness.DigestLabel, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var repoTags = tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(tag => tag.ValueKind == JsonValueKind.String ? tag.GetString()! : "").ToArray()
            : [];
        return new ImageState(id, digest, repoTags);
    }
}

public enum FreshnessVerdict
{
    /// <summary>Run `docker build`.</summary>
    Build,

    /// <summary>The image under the primary tag was built from these very inputs, and carries every tag.</summary>
    UpToDate,

    /// <summary>Up to date, but some of the spec's tags are missing: `docker tag` them from the primary.</summary>
    Retag,
}

/// <summary>The decision for one image, with the reason the log shows.</summary>
public sealed record Freshness(FreshnessVerdict Verdict, string Reason, IReadOnlyList<string> MissingReferences)
{
    public bool Skips => Verdict != FreshnessVerdict.Build;
}

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
