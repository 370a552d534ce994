namespace Build.Images;

/// <summary>
/// One pair of local base images that scripts/base-images.sh makes with mmdebstrap: a Python runtime and a builder
/// that is the runtime plus Debian's python3-poetry (the same /usr/bin/python3 in both). cake.config's [Bridge]
/// BaseImage/BuilderImage choose the pair the images build from; EnsureLock also runs a builder's Poetry when the
/// project calls for a Poetry the host lacks.
/// </summary>
/// <param name="Suite">The Debian suite mmdebstrap bootstraps.</param>
/// <param name="Sources">What the script hands mmdebstrap as the mirror (an apt line); null: the machine's own sources.</param>
/// <param name="Poetry">The Poetry of the suite's python3-poetry, the one the builder image runs.</param>
public sealed record LocalBaseImagePair(string Suite, string? Sources, string RuntimeImage, string BuilderImage, Version Poetry)
{
    /// <summary>Debian 12: Python 3.11, Poetry 1.3.2, from the machine's own (bookworm) apt sources.</summary>
    public static readonly LocalBaseImagePair Debian12 = new(
        "bookworm", null, "omninode/python:3.11-bookworm", "omninode/poetry:1.3.2-bookworm", new Version(1, 3, 2));

    /// <summary>Debian 13: Python 3.13, Poetry 2.1.2, from the mirror's trixie (the machine's sources are bookworm's).</summary>
    public static readonly LocalBaseImagePair Debian13 = new(
        "trixie", "deb http://deb.debian.org/debian trixie main", "omninode/python:3.13-trixie", "omninode/poetry:2.1.2-trixie",
        new Version(2, 1, 2));

    public static IReadOnlyList<LocalBaseImagePair> All { get; } = [Debian12, Debian13];

    /// <summary>The pair an image name belongs to; null for any other image (a registry image, a name of one's own).</summary>
    public static LocalBaseImagePair? Of(string? image) =>
        All.FirstOrDefault(pair => pair.RuntimeImage == image || pair.BuilderImage == image);

    /// <summary>The command that makes this pair on the engine the build uses.</summary>
    public string MakeCommand => $"./build.sh --target=BaseImages --base-image={RuntimeImage} --builder-image={BuilderImage}";
}
