using Build.Tools.Compose;

namespace Build.Tools.Docker;

/// <summary>
/// The Docker engine of this run and the clients that talk to it, each found once, on first use: a task that needs
/// no engine never probes one. A real run resolves (and may start) the engine (<see cref="EngineSession"/>); the dry
/// run only asks which engine answers and probes no client (the dry run's UnprobedEngineSession).
/// </summary>
public interface IEngineSession
{
    /// <summary>The engine of the run (DOCKER_HOST or context, default socket, project engine); null when a dry run finds none.</summary>
    ResolvedEngine? Engine { get; }

    /// <summary>The engine API when it may stand in for the docker client (else null): read-only questions go there.</summary>
    EngineApi? Api { get; }

    /// <summary>Whether the engine is asked about images (which exist, their labels): a dry run asks only a local socket that exists.</summary>
    bool AnswersImageQuestions { get; }

    /// <summary>containerd or classic (<see cref="ImageStores"/>); null when the engine's API was not asked (a dry run, a docker context).</summary>
    string? ImageStore { get; }

    /// <summary>The docker command lines, for the engine of the run (a real run resolves it first).</summary>
    DockerCommands Docker { get; }

    /// <summary>The client and builder of every `docker build` of this run, announced in one line when probed.</summary>
    BuilderChoice Builder { get; }

    /// <summary>The docker command lines of the builds: those of <see cref="Builder"/>'s client.</summary>
    DockerCommands BuildDocker { get; }

    /// <summary>The compose client (v2 plugin or v1 docker-compose).</summary>
    ComposeClient Compose { get; }
}
