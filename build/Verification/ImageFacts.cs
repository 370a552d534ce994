using Build.Images;

namespace Build.Verification;

/// <summary>
/// What Verify checks about one image, read from `docker image inspect` (JSON) and, for slim images, from a probe
/// for Poetry inside it. <see cref="HasPoetry"/> is null when not probed; <see cref="SecretsFound"/> names the build
/// secrets whose value is in a layer, the config or the history (null when not scanned).
/// </summary>
public sealed record ImageFacts(
    string Reference,
    ImageFlavour Flavour,
    string User,
    bool HasHealthcheck,
    long SizeBytes,
    IReadOnlyDictionary<string, string> Labels,
    bool? HasPoetry = null,
    IReadOnlyList<string>? SecretsFound = null)
{
    /// <summary>The facts Verify checks, from what the engine has of the image.</summary>
    public static ImageFacts From(string reference, ImageFlavour flavour, ImageState state) =>
        new(reference, flavour, state.User, state.HasHealthcheck, state.SizeBytes, state.Labels);

    /// <summary>The facts of one image inspect document (or the client's array of one); an unreadable one has none of them.</summary>
    public static ImageFacts Parse(string reference, ImageFlavour flavour, string inspectJson) =>
        ImageState.FromInspectOutput(inspectJson) is [var state, ..]
            ? From(reference, flavour, state)
            : new(reference, flavour, "", HasHealthcheck: false, SizeBytes: 0, new Dictionary<string, string>());
}
