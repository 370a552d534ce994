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

    /// <summary>
    /// Why a pull failed, in the words a user acts on, from what docker printed; null when the output shows no pull
    /// failure (then the build failed for another reason and its own cause stands).
    /// </summary>
    public static string? PullFailureReason(string output)
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
        ImageSpec spec, IReadOnlyList<string> images, string reason, IReadOnlyList<string> localBases, CakeException failure) =>
        new CakeException(failure.ExitCode,
            $"{spec.PrimaryReference} needs the base image {string.Join(" and ", images)}, " +
            $"which the engine does not have and could not pull: {reason}." + Environment.NewLine +
            (localBases.Count > 0
                ? $"Build from the local base images instead ({string.Join(", ", localBases)}, made by --target=BaseImages): " +
                    "leave out --base-image/--builder-image (BRIDGE_BASE_IMAGE/BRIDGE_BUILDER_IMAGE), "
                : "Build from local base images instead: name them in cake.config's [Bridge] BaseImage=/BuilderImage= " +
                    "and make them with --target=BaseImages, ") +
            "or give --base-image=IMAGE/--builder-image=IMAGE of images the engine has (docker image ls)." + Environment.NewLine +
            failure.Message).At(spec.Dockerfile);
}
