namespace Build.Reporting;

/// <summary>The engine the run used: its DOCKER_HOST value, version and where it was found (DOCKER_HOST, context, default socket, project engine).</summary>
/// <param name="ImageStore">containerd or classic; null when the engine was not asked over its API.</param>
/// <param name="Builder">What built the images (buildx 0.13.1, BuildKit of docker 20.10.24, the legacy builder); null when nothing was built.</param>
/// <param name="Compose">The Compose the stack tasks used (docker compose 2.26.1, docker-compose 1.29.2); null when none ran.</param>
public sealed record EngineEntry(string Endpoint, string Version, string Source, string? ImageStore = null, string? Builder = null, string? Compose = null);
