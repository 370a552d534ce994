using System.Diagnostics;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Tools.Docker;

/// <summary>
/// The project's own dockerd: started detached with its own socket, data root, exec root and pidfile (see
/// <see cref="ProjectEngineLocation"/>), left running for the next run, stopped only by EngineDown. It is only ever
/// started when no engine answered, and only ever stopped when the pidfile names a dockerd that was started with
/// this pidfile: an engine the build did not start is never touched.
/// </summary>
public sealed class ProjectEngine(ProjectEngineLocation location, ICommandRunner runner, Func<EngineEndpoint, string?> version, IProjectDaemon? daemon = null)
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>dockerd stops its containers first (15 s each by default), so stopping may take a while.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    public ProjectEngineLocation Location => location;

    /// <summary>The dockerd this engine runs (Debian 13's or the host's Debian 12 one).</summary>
    public IProjectDaemon Daemon { get; } = daemon ?? new Debian12Daemon(Environment.GetEnvironmentVariable);

    /// <summary>The version of the running project engine; null when its socket does not answer.</summary>
    public string? Answering() => File.Exists(location.Socket) ? version(location.Endpoint) : null;

    /// <summary>The pid of the dockerd this pidfile belongs to; null when none runs (a stale pidfile counts as none).</summary>
    public int? RunningPid()
    {
        if (!File.Exists(location.PidFile) || !int.TryParse(File.ReadAllText(location.PidFile).Trim(), out var pid))
        {
            return null;
        }

        return DockerdProcesses.CommandLine(pid) is { } arguments && arguments.Contains(location.PidFile) ? pid : null;
    }

    /// <summary>The command that starts dockerd detached, its output appended to the log; what a dry run shows.</summary>
    public ToolCommand StartCommand(string daemonCommandLine)
    {
        // setsid: a session of its own, so the daemon outlives this build and its terminal; sh returns at once.
        return ToolCommand.Create("sh", new DirectoryPath(location.RunDirectory), arguments => arguments
            .Append("-c")
            .AppendQuoted($"setsid {daemonCommandLine} >>{ShellWords.Quote(location.LogFile)} 2>&1 </dev/null &"));
    }

    /// <summary>Starts the engine and waits until it answers; returns its version.</summary>
    public string Start()
    {
        if (RunningPid() is { } running)
        {
            // Started by an earlier run that is perhaps still coming up: wait for it rather than start a second one.
            return WaitUntilAnswering(running);
        }

        if (DockerdProcesses.InThisNetworkNamespace().FirstOrDefault() is { } other)
        {
            throw new CakeException(ExitCodes.NoEngine, BesideAnotherDockerd(other));
        }

        Directory.CreateDirectory(location.RunDirectory);
        Directory.CreateDirectory(location.ExecRoot);
        Directory.CreateDirectory(location.DataRoot);
        File.Delete(location.PidFile);
        File.Delete(location.Socket);
        runner.Log.Information("Starting the project engine (data in {0}, log {1}).", location.DataRoot, location.LogFile);
        runner.Run(StartCommand(Daemon.Prepare(location)));
        return WaitUntilAnswering(null);
    }

    /// <summary>Stops the engine this pidfile names and waits until the process is gone; false when none ran.</summary>
    public bool Stop()
    {
        if (RunningPid() is not { } pid)
        {
            return false;
        }

        runner.Run(ToolCommand.Create("kill", new DirectoryPath("/"),
            arguments => arguments.Append("-TERM").Append(pid.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var clock = Stopwatch.StartNew();
        while (DockerdProcesses.CommandLine(pid) is not null)
        {
            if (clock.Elapsed > StopTimeout)
            {
                throw new CakeException(ExitCodes.Failed,
                    $"The project engine (pid {pid}) did not stop within {StopTimeout.TotalSeconds:0} s. Its log: {location.LogFile}.");
            }

            Thread.Sleep(200);
        }

        File.Delete(location.PidFile);
        return true;
    }

    private string WaitUntilAnswering(int? pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (Answering() is { } answer)
            {
                return answer;
            }

            pid ??= RunningPid();
            if (pid is { } started && DockerdProcesses.CommandLine(started) is null || pid is null && clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                break;
            }

            Thread.Sleep(200);
        }

        throw new CakeException(ExitCodes.NoEngine, $"The project engine did not answer on {location.Socket}. {LogTail()}");
    }

    /// <summary>
    /// Why the project engine is not started beside another dockerd, and how to use that one: two engines in one
    /// network namespace both claim the docker0 bridge and its addresses.
    /// </summary>
    private string BesideAnotherDockerd(DockerdProcesses.Dockerd other)
    {
        var answering = other.Hosts.Select(EngineEndpoint.FromDockerHost).OfType<EngineEndpoint>()
            .FirstOrDefault(endpoint => endpoint.MayAnswer && version(endpoint) is not null);
        var where = other.Hosts.Count == 0 ? "its default socket" : string.Join(", ", other.Hosts);
        return answering is not null
            ? $"No engine answered where the build looks, but a dockerd (pid {other.Pid}) runs in this network namespace " +
                $"and answers on {answering.Url}; a second engine here would fight it over the docker0 bridge. " +
                (ProjectEngineLocation.KindListeningOn(answering) is { } kind && kind != location.Kind
                    ? OtherKindWayOut(kind)
                    : $"Use that one: export DOCKER_HOST={answering.Url}, then run the build again.")
            : $"No engine answered, and a dockerd (pid {other.Pid}) runs in this network namespace without answering on {where}; " +
                "a second engine here would fight it over the docker0 bridge. " +
                "Wait until it answers and export DOCKER_HOST to its socket, or stop it, then run the build again.";
    }

    /// <summary>The two ways out when the dockerd in the way is this project's engine of another kind: use it, or stop it.</summary>
    public static string OtherKindWayOut(ProjectEngineKind running)
    {
        var name = ProjectEngineKinds.Name(running);
        return $"It is this project's {name} engine: use it with --project-engine={name} (or BRIDGE_PROJECT_ENGINE={name}), " +
            $"or stop it with ./build.sh --target=EngineDown --project-engine={name} and run the build again to start this one.";
    }

    /// <summary>dockerd's last lines: why it did not come up, in its own words.</summary>
    private string LogTail()
    {
        if (!File.Exists(location.LogFile))
        {
            return "It left no log.";
        }

        var lines = File.ReadAllLines(location.LogFile).Where(line => line.Trim().Length > 0).TakeLast(8);
        return $"The last lines of {location.LogFile}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
