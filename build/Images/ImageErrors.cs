using Build.Reporting;

namespace Build.Images;

public static class ImageErrors
{
    /// <summary>The message of a missing Dockerfile, pointing at the file (a GitHub annotation shows it there).</summary>
    public static CakeException MissingDockerfile(ImageSpec spec) =>
        new CakeException(ExitCodes.MissingDockerfile,
            $"{spec.Dockerfile} is missing: {spec.PrimaryReference} is built from it (stage {spec.Stage}). " +
            $"Restore it from git (git checkout -- {spec.Dockerfile}).")
            .At(spec.Dockerfile);

    /// <summary>A line of docker's output that shows why a pull failed (<see cref="PullFailureOf"/> reads it).</summary>
    public static bool IsPullSign(string line) => PullFailureReason(line) is not null;

    /// <summary>
    /// Why a pull of <paramref name="images"/> failed, in the words a user acts on, and the line of docker's output
    /// that shows it; null when the lines show no pull failure (then the build failed for another reason and its own
    /// cause stands). The last line about one of these images' registries is the evidence, else the last line of all:
    /// BuildKit may print another base image's failure after theirs.
    /// </summary>
    public static PullFailure? PullFailureOf(IReadOnlyList<string> lines, IReadOnlyList<string> images)
    {
        var registries = images.Select(RegistryOf).Distinct(StringComparer.Ordinal).ToArray();
        var signs = lines.Where(IsPullSign).Select(line => line.Trim()).Reverse().ToArray();
        var evidence = signs.FirstOrDefault(line => registries.Any(registry => line.Contains(registry, StringComparison.OrdinalIgnoreCase)))
            ?? signs.FirstOrDefault();
        return evidence is null ? null : new PullFailure(PullFailureReason(evidence)!, evidence);
    }

    /// <summary>The registry an image reference pulls from: its first part when that names a host, else Docker Hub.</summary>
    private static string RegistryOf(string image)
    {
        var first = image.Split('/')[0];
        return image.Contains('/', StringComparison.Ordinal) && (first.Contains('.', StringComparison.Ordinal)
            || first.Contains(':', StringComparison.Ordinal) || first == "localhost") ? first : "docker.io";
    }

    private static string? PullFailureReason(string output)
    {
        bool Has(string text) => output.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (Has("no such host") || Has("dial tcp") || Has("connection refused") || Has("i/o timeout") || Has("network is unreachable")
            || Has("TLS handshake timeout"))
        {
            return "the registry is unreachable";
        }

        if (Has("pull access denied") || Has("unauthorized") || Has("denied: requested access") || Has("authentication required"))
        {
            return "access denied (the repository does not exist or needs docker login)";
        }

        if (Has("manifest unknown") || Has(": not found") || Has("not found: manifest"))
        {
            return "not found in the registry";
        }

        return null;
    }

    /// <summary>A registry base image the engine lacks and could not pull: the image, the reason, the way out.</summary>
    public static CakeException BaseImagePullFailed(
        ImageSpec spec, IReadOnlyList<string> images, PullFailure pull, IReadOnlyList<string> localBases, CakeException failure) =>
        new CakeException(failure.ExitCode,
            $"{spec.PrimaryReference} needs the base image {string.Join(" and ", images)}, " +
            $"which the engine does not have and could not pull: {pull.Reason}." + Environment.NewLine +
            (localBases.Count > 0
                ? $"Build from the local base images instead ({string.Join(", ", localBases)}, made by --target=BaseImages): " +
                    "leave out --base-image/--builder-image (BRIDGE_BASE_IMAGE/BRIDGE_BUILDER_IMAGE), "
                : "Build from local base images instead: name them in cake.config's [Bridge] BaseImage=/BuilderImage= " +
                    "and make them with --target=BaseImages, ") +
            "or give --base-image=IMAGE/--builder-image=IMAGE of images the engine has (docker image ls)." + Environment.NewLine +
            failure.Message +
            (failure.Message.Contains(pull.Evidence, StringComparison.Ordinal) ? "" : Environment.NewLine + pull.Evidence)).At(spec.Dockerfile);
}

/// <summary>Why a pull failed (<see cref="ImageErrors.PullFailureOf"/>) and docker's line that shows it.</summary>
public sealed record PullFailure(string Reason, string Evidence);
