using System.Text.RegularExpressions;
using Build.Tools.Docker.Documents;

namespace Build.Images;

/// <summary>
/// What the engine knows of an image, read from its inspect document (<see cref="ImageDocument"/>): the one reader of
/// image inspect output, for the engine API's <c>GET /images/{name}/json</c> and the client's <c>docker image inspect</c>
/// (an array of the same documents). Freshness reads the id, tags and input digest; the report the size; Verify the
/// user, health check, labels and size.
/// </summary>
/// <param name="Id">
/// The image id (<c>sha256:…</c>): the config's digest with the classic image store, the manifest's or OCI index's
/// digest with the containerd image store. Either way it changes when the image does, which is all the build uses it for.
/// </param>
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
    public static IEnumerable<(string Reference, ImageState? State)> Match(
        IReadOnlyList<string> references, IReadOnlyList<ImageState> states, IEnumerable<string> error)
    {
        var missing = error.SelectMany(line => MissingImage().Matches(line))
            .Select(match => match.Groups[1].Value.TrimEnd(':'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
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
    public static IReadOnlyList<ImageState> FromInspectOutput(string json) =>
        json.TrimStart().StartsWith('[')
            ? [.. (EngineJson.Read(json, EngineJson.Default.ImageDocumentArray) ?? []).Select(From).OfType<ImageState>()]
            : FromInspectDocument(json) is { } one ? [one] : [];

    /// <summary>Reads one image inspect document (the engine API's answer); null when it is not one.</summary>
    public static ImageState? FromInspectDocument(string json) =>
        EngineJson.Read(json, EngineJson.Default.ImageDocument) is { } document ? From(document) : null;

    /// <summary>The state of one inspect document; null without an image id.</summary>
    public static ImageState? From(ImageDocument? image)
    {
        if (image?.Id is not { } id || !id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var config = image.Config;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in config?.Labels ?? [])
        {
            labels[name] = value ?? "";
        }

        // HEALTHCHECK NONE is stored as Test ["NONE"]: a health check switched off.
        var healthcheck = config?.Healthcheck is { } check && check.Test is not ["NONE", ..];
        return new ImageState(id, labels.GetValueOrDefault(ImageFreshness.DigestLabel), image.RepoTags ?? [])
        {
            SizeBytes = image.Size ?? 0,
            User = config?.User ?? "",
            HasHealthcheck = healthcheck,
            Labels = labels,
        };
    }

    [GeneratedRegex(@"no such image: (\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MissingImage();
}
