using System.Globalization;

namespace Build.Tools.Docker;

/// <summary>
/// Whether the engine of the run went away, asked when a docker or compose command fails: a killed or crashed engine
/// makes the command that happened to be running fail with its own words (BuildKit's "failed to update store", a
/// broken pipe), which blame the step instead of the engine. When the engine no longer answers, the failure leads
/// with that: which engine, when it last answered, and how to get it back.
/// </summary>
public sealed class EngineWatch(Func<EngineEndpoint, string?> version, ProjectEngine projectEngine, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly object _gate = new();
    private ResolvedEngine? _engine;
    private DateTimeOffset _lastAnswered;

    /// <summary>The engine the run found (it answered just now); before this, no command is blamed on an engine.</summary>
    public void Found(ResolvedEngine engine)
    {
        lock (_gate)
        {
            _engine = engine;
            _lastAnswered = _clock.GetUtcNow();
        }
    }

    /// <summary>
    /// For a failed docker or compose command: null when the engine still answers (the command's own failure stands)
    /// or when the command does not talk to an engine; otherwise the sentence that leads the error.
    /// </summary>
    public string? GoneCause(ToolCommand command)
    {
        ResolvedEngine engine;
        lock (_gate)
        {
            if (_engine is null || !TalksToEngine(command))
            {
                return null;
            }

            engine = _engine;
        }

        if (version(engine.Endpoint) is not null)
        {
            lock (_gate)
            {
                _lastAnswered = _clock.GetUtcNow();
            }

            return null;
        }

        DateTimeOffset lastAnswered;
        lock (_gate)
        {
            lastAnswered = _lastAnswered;
        }

        var ago = _clock.GetUtcNow() - lastAnswered;
        var since = $"It answered at {lastAnswered.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({Describe(ago)} ago) and does not now";
        var socket = engine.Endpoint.SocketPath is { } path && !File.Exists(path) ? $"; its socket {path} is gone" : "";
        return $"The Docker engine went away during the build: {engine.Describe()}. {since}{socket}. {WayBack(engine)} " +
            $"What {Path.GetFileName(command.Program)} said below is what the engine's going left behind, not a fault of the step.";
    }

    /// <summary>The docker client (whatever it is called: docker, a versioned client) and docker-compose.</summary>
    private static bool TalksToEngine(ToolCommand command) =>
        Path.GetFileName(command.Program).StartsWith("docker", StringComparison.Ordinal);

    private string WayBack(ResolvedEngine engine)
    {
        if (engine.Source is not EngineSource.ProjectEngine)
        {
            return "Start it again (or find out who stopped it), then run the build again.";
        }

        var log = projectEngine.Location.LogFile;
        return projectEngine.RunningPid() is { } pid
            ? $"Its dockerd (pid {pid}) still runs but does not answer; its log: {log}."
            : $"Its dockerd is no longer running (its last words are in {log}); the next run starts it again (or: ./build.sh --target=Engine).";
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds < 90
        ? $"{Math.Max(0, span.TotalSeconds):0} s"
        : $"{(int)span.TotalMinutes} min {span.Seconds} s";
}
