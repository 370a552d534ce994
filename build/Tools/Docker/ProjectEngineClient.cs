using Build.Provisioning;

namespace Build.Tools.Docker;

/// <summary>
/// The Debian 13 toolchain's client: docker 26 with DOCKER_CONFIG on the toolchain's client folder (Compose v2 and buildx
/// 0.13.1 as CLI plugins). An engine with the containerd image store can attach attestations and export caches only to
/// buildx, and the machine's docker clients have no buildx (Debian 12's 20.10 builds with its legacy BuildKit path, which
/// has no --attest; a docker 28 without the plugin falls back to the legacy builder, which cannot mount the Dockerfiles'
/// secrets). Chosen here, once, for every build of the run; its DOCKER_CONFIG goes to every child through
/// <see cref="ChildEnvironment"/>.
/// </summary>
public sealed record ProjectEngineClient(string Docker, string Config)
{
    /// <summary>
    /// The toolchain's client when the run's engine answered that it keeps its images in the containerd store and no
    /// --docker was given: decided by the engine's answer, not by where the engine came from, so the Debian 13 project
    /// engine, a swarm node running Docker 26 and any other engine with that store build alike. Null otherwise, or when
    /// the toolchain is incomplete (the usual choice among the clients on PATH then stands).
    /// </summary>
    public static ProjectEngineClient? For(string? imageStore, bool clientGiven, Debian13Toolchain toolchain) =>
        imageStore == ImageStores.Containerd && !clientGiven && toolchain.IsComplete ? new ProjectEngineClient(toolchain.Docker, toolchain.ClientConfig) : null;
}
