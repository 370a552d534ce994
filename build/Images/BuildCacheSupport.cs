using Build.Tools.Docker;

namespace Build.Images;

/// <summary>
/// Whether the builder of the run can export a layer cache (--build-cache). Only BuildKit through buildx can, and not
/// with buildx's docker driver on the classic image store ("Cache export is not supported for the docker driver"):
/// the containerd store, or a builder of another driver (docker-container, which docker/setup-buildx-action makes on
/// GitHub's runners), is needed. 20.10's built-in BuildKit and the legacy builder have no --cache-to at all.
/// </summary>
public static class BuildCacheSupport
{
    /// <summary>buildx's driver that builds inside the engine; it exports caches only with the containerd store.</summary>
    public const string DockerDriver = "docker";

    /// <summary>Whether the builder asks buildx for its driver: only buildx on the classic store depends on it.</summary>
    public static bool NeedsDriver(DockerBuilder builder, string? imageStore) =>
        builder == DockerBuilder.Buildx && imageStore != ImageStores.Containerd;

    /// <summary>
    /// Null when the builder exports caches, else the paragraph that says why not and what to do. The build stops with
    /// it before the first image, rather than warn and build without: a CI that asked for a cache and silently got none
    /// rebuilds everything on every run and no one notices, and whoever typed --build-cache expects the cache to be
    /// written (the next run, or the next job, counts on it). Dropping the option is the way to build without one.
    /// </summary>
    public static string? Problem(BuildCache cache, BuilderChoice builder, string? imageStore, string? buildxDriver)
    {
        var option = cache.Kind == BuildCacheKind.Local ? "--build-cache=local,dir=..." : "--build-cache=gha";
        var why = builder.Builder switch
        {
            DockerBuilder.Unprobed => null,
            DockerBuilder.Buildx when imageStore == ImageStores.Containerd || (buildxDriver is { } driver && driver != DockerDriver) => null,
            DockerBuilder.Buildx => $"buildx's current builder uses the {buildxDriver ?? "(unknown)"} driver on an engine with the classic image store, " +
                "which exports no cache",
            DockerBuilder.BuildKitEnvironment => $"the builder is the BuildKit built into {builder.Client} (DOCKER_BUILDKIT=1), which has no cache export",
            _ => $"the builder is the legacy builder of {builder.Client}, which has no cache export",
        };
        return why is null
            ? null
            : $"{option} asks buildx to export the layer cache, but {why}. Do one of: install the buildx plugin; turn on the engine's " +
                "containerd image store (daemon.json: {\"features\": {\"containerd-snapshotter\": true}}); make a builder that exports " +
                "(docker buildx create --use --driver docker-container, or docker/setup-buildx-action on GitHub); or drop --build-cache " +
                "(and BRIDGE_BUILD_CACHE) to build with the image's inline cache.";
    }

    /// <summary>The driver of buildx's current builder from `docker buildx inspect` ("Driver:   docker-container"); null when absent.</summary>
    public static string? DriverOf(string inspectOutput) =>
        inspectOutput.Split('\n').Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("Driver:", StringComparison.Ordinal)) is { } found
            ? found["Driver:".Length..].Trim()
            : null;
}
