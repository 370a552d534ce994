using Build.Provisioning;

namespace Build.Tools.Docker;

/// <summary>
/// The Debian 13 project engine's own client: docker 26 of its toolchain with DOCKER_CONFIG on the toolchain's client
/// folder (Compose v2 and buildx 0.13.1 as CLI plugins). The machine's first docker on PATH (Debian 12's 20.10, no
/// buildx) would build there with the legacy BuildKit path, which has no --attest. Chosen here, once, for every build
/// of the run; its DOCKER_CONFIG goes to every child through <see cref="ChildEnvironment"/>.
/// </summary>
public sealed record ProjectEngineClient(string Docker, string Config)
{
    /// <summary>
    /// The toolchain's client when the run's engine is the Debian 13 project engine (found or started by the build, or
    /// named by DOCKER_HOST at its socket) and no --docker was given; null otherwise, or when the toolchain is incomplete.
    /// </summary>
    public static ProjectEngineClient? For(ResolvedEngine engine, ProjectEngineKind kind, bool clientGiven, Debian13Toolchain toolchain,
        EngineEndpoint debian13Endpoint)
    {
        var isDebian13 = engine.Source == EngineSource.ProjectEngine ? kind == ProjectEngineKind.Debian13 : engine.Endpoint.Url == debian13Endpoint.Url;
        return isDebian13 && !clientGiven && toolchain.IsComplete ? new ProjectEngineClient(toolchain.Docker, toolchain.ClientConfig) : null;
    }
}
