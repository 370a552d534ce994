using Build.Reporting;
using Build.Images;

namespace Build.PackageIndex;

/// <summary>The package index's failures in the words a user acts on: the index's URL or source name, never a credential.</summary>
public static class PackageIndexErrors
{
    /// <summary>
    /// Only BuildKit mounts secrets; a build argument would leave the password in the image history, so there is no
    /// fallback: the user switches the builder.
    /// </summary>
    public static CakeException LegacyBuilderCannotMountSecrets(ImageSpec spec, PackageIndexSource index) =>
        new CakeException(ExitCodes.BadInput,
            $"{spec.PrimaryReference} installs its dependencies from the package index '{index.Name}' ({index.Url}) with the credentials " +
            "mounted as BuildKit secrets (RUN --mount=type=secret), and the docker client here builds with the legacy builder, which cannot " +
            "mount secrets; passing them as build arguments would leave them in the image history, so the build stops. Build with BuildKit: " +
            "unset DOCKER_BUILDKIT=0 (docker 18.09 to 22 has BuildKit built in), or install the buildx plugin for docker 23 and later " +
            "(apt-get install docker-buildx), or name such a client with --docker=PATH.")
            .At(spec.Dockerfile);
}
