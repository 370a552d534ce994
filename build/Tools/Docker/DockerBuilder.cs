namespace Build.Tools.Docker;

/// <summary>How `docker build` reaches a builder on this machine (chosen by <see cref="BuilderChoice"/>).</summary>
public enum DockerBuilder
{
    /// <summary>Not probed (dry run): plain `docker build`, the client decides.</summary>
    Unprobed,

    /// <summary>The classic builder: docker 23+ without the buildx plugin falls back to it.</summary>
    Legacy,

    /// <summary>BuildKit built into clients older than 23, switched on with DOCKER_BUILDKIT=1.</summary>
    BuildKitEnvironment,

    /// <summary>BuildKit through the buildx plugin: `docker buildx build --load`.</summary>
    Buildx,
}
