namespace Build.Tools.Docker;

/// <summary>Where the engine of a run came from, in the order the resolver tries them.</summary>
public enum EngineSource
{
    DockerHost,
    Context,
    DefaultSocket,
    ProjectEngine,
}
