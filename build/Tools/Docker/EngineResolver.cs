using Build.Provisioning;
using Cake.Core;
using Cake.Core.Diagnostics;
using Candidate = (Build.Tools.Docker.EngineSource Source, Build.Tools.Docker.EngineEndpoint? Endpoint, string Label);

namespace Build.Tools.Docker;

/// <summary>
/// Finds the engine of a run, once. An engine the user named (DOCKER_HOST, or the chosen docker context) is the
/// one used, and an error when it does not answer: the docker CLI, Compose and Testcontainers fail there too, and
/// building (then pushing) on another engine than the one named would surprise. Only when nothing was named does
/// the build look for one: the default socket when it answers, else the project's own engine (started when it is
/// not running, after installing dockerd when it is missing). Every "does it answer" is one <c>GET /_ping</c> and
/// <c>/version</c> over the API.
/// </summary>
public sealed class EngineResolver(
    Func<string, string?> environment,
    Func<EngineEndpoint, string?> version,
    ProjectEngine projectEngine,
    Action<IEnumerable<Requirement>, string> ensureInstalled,
    ICakeLog log,
    EngineEndpoint? defaultSocket = null,
    ProvisioningPhase? phase = null)
{
    /// <summary>The first engine that answers, without starting one; null when none does (a dry run asks this).</summary>
    public ResolvedEngine? FindAnswering()
    {
        if (Named() is { } named)
        {
            return Answering(named) ?? throw NotAnswering(named);
        }

        return Answering((EngineSource.DefaultSocket, defaultSocket ?? EngineEndpoint.DefaultSocket, "the default socket"))
            ?? Answering((EngineSource.ProjectEngine, projectEngine.Location.Endpoint, "the project engine"));
    }

    /// <summary>The engine to use: one that answers, or the project engine, started (and installed) as needed.</summary>
    public ResolvedEngine Resolve()
    {
        if (FindAnswering() is { } found)
        {
            return found;
        }

        ensureInstalled(projectEngine.Daemon.Requirements, "Starting the project's own Docker engine (no engine answered)");
        const string why = "no engine was named and none answered";
        var started = phase is null ? projectEngine.Start() : phase.Step("project engine", why, _ => projectEngine.Start());
        return new ResolvedEngine(projectEngine.Location.Endpoint, started, EngineSource.ProjectEngine);
    }

    /// <summary>The engine the user named (DOCKER_HOST wins over a context, as for the docker client); null when none.</summary>
    private Candidate? Named()
    {
        if (environment("DOCKER_HOST") is { Length: > 0 } dockerHost)
        {
            return (EngineSource.DockerHost, EngineEndpoint.FromDockerHost(dockerHost), $"DOCKER_HOST={dockerHost}");
        }

        return DockerContextEndpoint.Chosen(environment) is { } context
            ? (EngineSource.Context, context.Endpoint, $"the docker context {context.Name}")
            : null;
    }

    private ResolvedEngine? Answering(Candidate candidate)
    {
        var (source, endpoint, label) = candidate;
        if (endpoint is not null && endpoint.MayAnswer && version(endpoint) is { } answer)
        {
            log.Debug("{0} answers (engine {1}).", label, answer);
            return new ResolvedEngine(endpoint, answer, source);
        }

        return null;
    }

    /// <summary>The one-paragraph error for a named engine that does not answer: which one, and the two ways out.</summary>
    private static CakeException NotAnswering(Candidate named)
    {
        var (source, endpoint, label) = named;
        var problem = endpoint is null
            ? $"{label} is not a unix:// or tcp:// address, the ones this build can ask whether an engine answers."
            : $"No Docker engine answers at {label}"
                + (endpoint.SocketPath is { } socket && !File.Exists(socket) ? $" (the socket {socket} does not exist)." : ".");
        var unset = source is EngineSource.DockerHost ? "unset DOCKER_HOST" : "switch back with `docker context use default` (or unset DOCKER_CONTEXT)";
        var setting = source is EngineSource.DockerHost ? "DOCKER_HOST" : "the context";
        return new CakeException(ExitCodes.NoEngine,
            $"{problem} The build uses the engine you named and no other. Start that engine (or point {setting} at one that runs), " +
            $"or {unset} to let the build find an engine (the default socket, else the project's own engine, started when needed); then run the build again.");
    }
}
