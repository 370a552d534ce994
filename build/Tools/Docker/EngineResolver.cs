using Build.Provisioning;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Tools.Docker;

/// <summary>
/// Finds the engine of a run, once, in this order: DOCKER_HOST or the chosen docker context when it answers; the
/// default socket when it answers; the project's own engine (started when it is not running, after installing
/// dockerd when it is missing). Every "does it answer" is one <c>GET /_ping</c> and <c>/version</c> over the API.
/// </summary>
public sealed class EngineResolver(
    Func<string, string?> environment,
    Func<EngineEndpoint, string?> version,
    ProjectEngine projectEngine,
    Action<IEnumerable<Requirement>, string> ensureInstalled,
    ICakeLog log,
    EngineEndpoint? defaultSocket = null)
{
    /// <summary>The first engine that answers, without starting one; null when none does (a dry run asks this).</summary>
    public ResolvedEngine? FindAnswering()
    {
        foreach (var (source, endpoint, label) in Candidates())
        {
            if (endpoint is not null && endpoint.MayAnswer && version(endpoint) is { } answer)
            {
                return new ResolvedEngine(endpoint, answer, source);
            }

            if (source is EngineSource.DockerHost or EngineSource.Context)
            {
                log.Warning(endpoint is null ? "{0} is not a unix:// or tcp:// address this build can ask; looking for another engine." : "{0} does not answer; looking for another engine.", label);
            }
        }

        return null;
    }

    /// <summary>The engine to use: one that answers, or the project engine, started (and installed) as needed.</summary>
    public ResolvedEngine Resolve()
    {
        if (FindAnswering() is { } found)
        {
            return found;
        }

        ensureInstalled(projectEngine.Daemon.Requirements, "Starting the project's own Docker engine (no engine answered)");
        var started = projectEngine.Start();
        return new ResolvedEngine(projectEngine.Location.Endpoint, started, EngineSource.ProjectEngine);
    }

    /// <summary>Where to look, in order; the label names the candidate in the log.</summary>
    private IEnumerable<(EngineSource Source, EngineEndpoint? Endpoint, string Label)> Candidates()
    {
        if (environment("DOCKER_HOST") is { Length: > 0 } dockerHost)
        {
            yield return (EngineSource.DockerHost, EngineEndpoint.FromDockerHost(dockerHost), $"DOCKER_HOST={dockerHost}");
        }
        else if (DockerContextEndpoint.Chosen(environment) is { } context)
        {
            yield return (EngineSource.Context, context.Endpoint, $"The docker context {context.Name}");
        }

        yield return (EngineSource.DefaultSocket, defaultSocket ?? EngineEndpoint.DefaultSocket, "The default socket");
        yield return (EngineSource.ProjectEngine, projectEngine.Location.Endpoint, "The project engine");
    }
}
