namespace Build.Tools.Docker;

/// <summary>The engine this run uses: its DOCKER_HOST value, the version it reported and where it was found.</summary>
public sealed record ResolvedEngine(EngineEndpoint Endpoint, string Version, EngineSource Source)
{
    /// <summary>The name the log and the build report give the source.</summary>
    public string SourceName => Source switch
    {
        EngineSource.DockerHost => "DOCKER_HOST",
        EngineSource.Context => "context",
        EngineSource.DefaultSocket => "default socket",
        _ => "project engine",
    };

    public string Describe() => $"{SourceName} {Endpoint.Url} (engine {Version})";

    /// <summary>
    /// Whether the build may ask this engine's API itself instead of starting the docker client: always for a unix
    /// socket; for tcp only without TLS (client certificates stay the client's business).
    /// </summary>
    public bool MayUseApi(Func<string, string?> environment) =>
        Endpoint.SocketPath is not null || Source is not EngineSource.Context && string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY"));
}
