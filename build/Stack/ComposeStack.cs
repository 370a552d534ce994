using System.Diagnostics;
using Build.Context;
using Build.Images;
using Build.Tools;
using Build.Tools.Compose;
using Cake.Core.Diagnostics;

namespace Build.Stack;

/// <summary>
/// Brings the compose project up, waits for health, scales and tears it down. Compose v1 has no --wait, so the
/// waiting is ours on both versions: poll the engine's container list of the project (over the engine API when it
/// may stand in for the client, else `docker ps` + `docker container inspect`).
/// </summary>
/// <param name="effects">The run's side effects: the dry run asks the engine nothing and says what it would wait for.</param>
public sealed class ComposeStack(StackOptions options, StackTools tools, ICakeLog log, Interruption interruption, ISideEffects effects)
{
    /// <summary>
    /// How often the wait asks. Over the engine API a question costs well under a millisecond, so it asks five
    /// times a second and sees a container healthy within 0.2 s of the engine; through the client each question
    /// starts two docker processes (about 0.1 s of CPU here), so once a second.
    /// </summary>
    public static TimeSpan PollInterval(bool overEngineApi) => overEngineApi ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(1);

    private string ProjectLabel => $"com.docker.compose.project={options.ProjectName}";

    public IReadOnlyList<ContainerState> Containers()
    {
        if (tools.EngineApi()?.ContainersWithLabel(ProjectLabel) is { } containers)
        {
            return ContainerState.From(containers);
        }

        var ids = tools.Runner.CaptureChecked(tools.Docker().ContainersWithLabel(ProjectLabel)).Output
            .Where(line => line.Trim().Length > 0).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        // A container can disappear between ps and inspect (scale down); inspect then fails for it only.
        var inspect = tools.Runner.Capture(tools.Docker().ContainerInspect(ids));
        return ContainerState.FromInspectOutput(inspect.OutputText);
    }

    /// <summary>Replicas per service that run now (none in a dry run, which asks nothing of the engine).</summary>
    public IReadOnlyDictionary<string, int> RunningReplicas() => effects.Make<IReadOnlyDictionary<string, int>>(
        () => StackHealth.Summarise(Containers()).ToDictionary(service => service.Service, service => service.Replicas, StringComparer.Ordinal),
        () => new Dictionary<string, int>());

    /// <summary>
    /// `compose up` with the replica counts of this run: what runs now with --scale's counts over it
    /// (<see cref="ScalePlan.Over"/>). Its output is shown live and kept: when compose itself fails (a port taken, an
    /// image missing), the failure names compose's own error line and is handled like a failed health check.
    /// <para>
    /// When every service runs already (the inner loop: new images for a running stack), each service is recreated
    /// by its own `up --no-deps`, all at once. One `up` recreates them in dependency order and waits for each
    /// dependency's health check first (the orchestrator after the reducer is healthy): on a running stack that wait
    /// buys nothing, because the orchestrator resolves its reducers per request, and it costs a health interval and a
    /// container start per dependency. A first start keeps the dependency order.
    /// </para>
    /// </summary>
    public void Up(bool noRecreate = false)
    {
        var running = RunningReplicas();
        var replicas = options.Scale.Over(running);
        if (!noRecreate && ImageTable.ServiceNames.All(service => running.GetValueOrDefault(service) > 0))
        {
            var ups = ImageTable.ServiceNames
                .Select(service => Task.Run(() => RunUp(tools.Compose().UpService(service, replicas.GetValueOrDefault(service, running[service])))))
                .ToArray();
            Task.WaitAll(ups);
            if (ups.Select(up => up.Result).FirstOrDefault(failure => failure is not null) is { } failed)
            {
                Fail(failed, Containers());
            }

            return;
        }

        if (RunUp(tools.Compose().Up(new ScaleArguments(replicas), noRecreate)) is { } failure)
        {
            Fail(failure, Containers());
        }
    }

    /// <summary>Runs one `compose up`, its output shown live; null when it worked, else why it failed.</summary>
    private string? RunUp(ToolCommand up)
    {
        var output = new List<string>();
        var exitCode = tools.Runner.RunUnchecked(up, line =>
        {
            log.Information("{0}", line);
            lock (output)
            {
                output.Add(line);
            }
        });
        if (exitCode == 0)
        {
            return null;
        }

        var error = output.LastOrDefault(line => line.Contains("rror", StringComparison.Ordinal) || line.Contains("failed", StringComparison.Ordinal))?.Trim()
            ?? "see compose's output above";
        return $"`{tools.Compose().Client.Command} up` failed (exit code {exitCode}): {error}";
    }

    /// <summary>
    /// Waits until every container of every service is ready, printing a status line when it changes (and every
    /// ten seconds). On a failed health check or a timeout it prints the last log lines of the containers that are
    /// not ready and fails.
    /// </summary>
    public IReadOnlyList<ServiceHealth> WaitUntilHealthy(IReadOnlyDictionary<string, int>? expectedReplicas = null) => effects.Make(
        () => Wait(expectedReplicas),
        () =>
        {
            log.Information("  then wait until every container of project {0} is healthy (at most {1:0} s)",
                options.ProjectName, options.WaitTimeout.TotalSeconds);
            return [];
        });

    private IReadOnlyList<ServiceHealth> Wait(IReadOnlyDictionary<string, int>? expectedReplicas)
    {
        var timeout = options.WaitTimeout;
        var clock = Stopwatch.StartNew();
        var lastLine = "";
        var lastPrinted = TimeSpan.Zero;
        while (true)
        {
            var containers = Containers();
            var services = StackHealth.Summarise(containers);
            var line = StackHealth.StatusLine(services, clock.Elapsed);
            var body = line[(line.IndexOf(']') + 1)..];
            if (body != lastLine || clock.Elapsed - lastPrinted > TimeSpan.FromSeconds(10))
            {
                log.Information(line);
                lastLine = body;
                lastPrinted = clock.Elapsed;
            }

            var counted = expectedReplicas is null
                || expectedReplicas.All(pair => services.FirstOrDefault(s => s.Service == pair.Key)?.Replicas == pair.Value
                    || (pair.Value == 0 && services.All(s => s.Service != pair.Key)));
            if (services.Count > 0 && counted && services.All(service => service.Healthy == service.Replicas))
            {
                return services;
            }

            var failed = containers.Where(container => container.HasFailed).ToArray();
            if (failed.Length > 0)
            {
                Fail($"{string.Join(", ", failed.Select(c => $"{c.Name} ({c.Status}, health {c.Health})"))} failed", containers);
            }

            if (clock.Elapsed > timeout)
            {
                Fail($"not every container was healthy after {timeout.TotalSeconds:0} s (--wait-timeout)", containers);
            }

            if (interruption.Token.WaitHandle.WaitOne(PollInterval(tools.EngineApi() is not null)))
            {
                interruption.ThrowIfRequested("the health wait");
            }
        }
    }

    /// <summary>`compose down`, then checks that the engine has no container or network of the project left.</summary>
    public void Down()
    {
        tools.Runner.Run(tools.Compose().Down(options.RemoveVolumes));
        effects.Make(() =>
        {
            var containers = tools.Runner.CaptureChecked(tools.Docker().ContainersWithLabel(ProjectLabel)).Output.Count(line => line.Trim().Length > 0);
            var networks = tools.Runner.CaptureChecked(tools.Docker().NetworksWithLabel(ProjectLabel)).Output.Count(line => line.Trim().Length > 0);
            if (containers + networks > 0)
            {
                throw BuildErrors.StackNotAsAsked(
                    $"After compose down, project {options.ProjectName} still has {containers} container(s) and {networks} network(s).");
            }

            log.Information("Project {0}: no container or network left.", options.ProjectName);
        });
    }

    /// <summary>Prints the table of Scale: service, replicas, healthy.</summary>
    public void PrintTable(IReadOnlyList<ServiceHealth> services)
    {
        log.Information("{0,-14} {1,8} {2,8}", "service", "replicas", "healthy");
        foreach (var service in services)
        {
            log.Information("{0,-14} {1,8} {2,8}", service.Service, service.Replicas, service.Healthy);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason, IReadOnlyList<ContainerState> containers)
    {
        foreach (var container in containers.Where(c => !c.IsReady))
        {
            log.Error("--- last log lines of {0} ({1}, health {2}) ---", container.Name, container.Status, container.Health);
            var logs = tools.Runner.Capture(tools.Docker().ContainerLogs(container.Id, 30));
            foreach (var logLine in logs.Output.Concat(logs.Error).TakeLast(30))
            {
                log.Error("  {0}", logLine);
            }
        }

        var advice = "The stack is left running for inspection (docker ps, docker logs); ./build.sh --target=ComposeDown removes it.";
        if (options.DownOnFailure)
        {
            tools.Runner.RunUnchecked(tools.Compose().Down(options.RemoveVolumes));
            advice = "The stack was taken down (--down-on-failure).";
        }

        throw BuildErrors.StackNotAsAsked($"Project {options.ProjectName}: {reason}. {advice}");
    }
}
