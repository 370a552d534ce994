namespace Build.Tools;

/// <summary>
/// What every child process of the run gets on top of the build's own environment: the DOCKER_HOST of the engine the
/// run found (set once, when it is found), so that docker, compose, the scripts and the test runs all talk to that
/// engine, while the build's own process environment stays as the user's shell gave it.
/// </summary>
public sealed class ChildEnvironment
{
    private volatile string? _dockerHost;

    /// <summary>The engine's address for the children; null until an engine is found (or when a docker context chooses it).</summary>
    public string? DockerHost => _dockerHost;

    /// <summary>Hands <paramref name="dockerHost"/> to every child process started from now on.</summary>
    public void UseEngine(string dockerHost) => _dockerHost = dockerHost;

    /// <summary>A command's own variables, with DOCKER_HOST added when an engine was found and the command sets none itself.</summary>
    public Dictionary<string, string> Of(IReadOnlyDictionary<string, string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var variables = command.ToDictionary(pair => pair.Key, pair => pair.Value);
        if (_dockerHost is { } dockerHost)
        {
            variables.TryAdd("DOCKER_HOST", dockerHost);
        }

        return variables;
    }

    /// <summary>
    /// The environment as a child sees it: for the questions the build asks in-process the way a child would (the
    /// swarm manager's API for the client's engine).
    /// </summary>
    public Func<string, string?> Over(Func<string, string?> environment) =>
        name => name == "DOCKER_HOST" && _dockerHost is { } dockerHost ? dockerHost : environment(name);
}
