using System.Diagnostics;
using System.Globalization;
using Build.Reporting;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;

namespace Build.Swarm;

/// <summary>
/// Deploys the stack to the swarm the engine manages and waits until it has converged; removes it and waits until it
/// is gone. Changes go through the docker client (<see cref="SwarmCommands"/>, shown by a dry run); the waiting asks
/// the manager's Engine API (<see cref="SwarmApi"/>), polling once a second for at most the wait timeout.
/// </summary>
/// <param name="effects">The run's side effects: the dry run shows the changes and says what it would wait for, asking the manager nothing.</param>
public sealed class SwarmDeployment(ICommandRunner runner, SwarmCommands commands, Func<SwarmApi> connect, string stack, string stackFile, TimeSpan timeout,
    Action<string> log, Action<string> logError, ISideEffects effects)
{
    /// <summary>Exit code of a stack that did not converge, rolled back, or left something behind.</summary>
    public const int SwarmExitCode = ExitCodes.StackNotAsAsked;

    /// <summary>Exit code when the engine cannot deploy a stack (not a swarm manager, no Engine API to ask).</summary>
    public const int NotAManagerExitCode = ExitCodes.NotASwarmManager;

    /// <summary>
    /// The manager's Engine API, for the client's engine (DOCKER_HOST): connected on first use; a socket that does not
    /// exist, or an engine behind a docker context or TLS, is refused with what to export instead.
    /// </summary>
    public static SwarmApi ManagerApi(Func<string, string?> environment) =>
        new(EngineApi.ForClientEngine(environment, TimeSpan.FromSeconds(30))
            ?? throw (EngineEndpoint.FromDockerHost(environment("DOCKER_HOST")) is { SocketPath: { } socket, MayAnswer: false }
                ? new CakeException(ExitCodes.NoEngine, $"No Docker engine answered at unix://{socket}: the socket does not exist. " +
                    "Point DOCKER_HOST at a swarm manager (scripts/swarm-lab.sh up 3 prints one) and run the build again.")
                : new CakeException(NotAManagerExitCode,
                    "Deploy and Undeploy ask the swarm manager over its Engine API, which needs DOCKER_HOST as unix:// or plain tcp:// and no docker context " +
                    $"(DOCKER_HOST={environment("DOCKER_HOST") ?? "unset"}, DOCKER_CONTEXT={environment("DOCKER_CONTEXT") ?? "unset"}). " +
                    "Export the manager's address instead, for example DOCKER_HOST=tcp://manager:2375 or the socket scripts/swarm-lab.sh prints.")));

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const int LogLines = 15;

    private SwarmApi? _api;

    private SwarmApi Api => _api ??= connect();

    /// <summary>
    /// Deploys and waits until the stack has converged. <paramref name="checkImages"/> sees the exact references the stack
    /// will run (by digest) before anything changes on the swarm, and may refuse them by throwing (a signature check).
    /// <paramref name="report"/> gets the stack as it is afterwards, also when the Deploy fails (rolled back, not
    /// converged): what serves then, and where. The dry run shows the commands and reports no stack.
    /// </summary>
    public void Deploy(DeployRequest request, Action<DeployImages> checkImages, Action<StackEntry> report) =>
        effects.Make(() => DeployAndWait(request, checkImages, report), () => DescribeDeploy(request, checkImages));

    private void DeployAndWait(DeployRequest request, Action<DeployImages> checkImages, Action<StackEntry> report)
    {
        var state = EnsureManager(request.SwarmInit);
        var images = DeployImages.Resolve(request.ImageRegistry, request.ImageTag, request.Services, Api.RegistryDigest);
        checkImages(images);
        var replicas = StackConvergence.Replicas(request.Services, request.Scale, Api.Services(stack));
        runner.Run(commands.StackDeploy(stackFile, stack, request.WithRegistryAuth, Variables(images, replicas)), line => log(line));
        WaitUntilConverged(state.SystemTime, report);
    }

    private void DescribeDeploy(DeployRequest request, Action<DeployImages> checkImages)
    {
        if (request.SwarmInit)
        {
            log("  when the engine is in no swarm yet:");
            runner.Show(commands.SwarmInit());
        }

        var images = DeployImages.Described(request.ImageRegistry, request.ImageTag, request.Services);
        checkImages(images);
        var variables = Variables(images,
            StackConvergence.Replicas(request.Services.Where(request.Scale.ContainsKey), request.Scale, []));
        runner.Show(commands.StackDeploy(stackFile, stack, request.WithRegistryAuth, variables));
        var unscaled = request.Services.Where(service => !request.Scale.ContainsKey(service)).ToArray();
        if (unscaled.Length > 0)
        {
            log($"  replicas of {string.Join(", ", unscaled)}: as many as run now (1 for a new stack), " +
                $"set through {string.Join(", ", unscaled.Select(StackFileGenerator.ReplicasVariable))}");
        }

        log($"  then wait until every service of stack {stack} runs its desired replicas healthy (at most {timeout.TotalSeconds:0} s)");
    }

    /// <summary>`docker stack rm`, then waits until no service, task or network of the stack is left.</summary>
    public void Undeploy()
    {
        effects.Make(() => EnsureManager(swarmInit: false));
        runner.Run(commands.StackRemove(stack), line => log(line));
        effects.Make(WaitUntilRemoved, () => log($"  then wait until stack {stack} has no service, task or network left (at most {timeout.TotalSeconds:0} s)"));
    }

    private void WaitUntilRemoved()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var services = Api.Services(stack).Count;
            var tasks = Api.Tasks(stack).Count;
            var networks = Api.Networks(stack).Count;
            if (services + tasks + networks == 0)
            {
                log($"Stack {stack}: no service, task or network left ({clock.Elapsed.TotalSeconds:0.0} s).");
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new CakeException(SwarmExitCode,
                    $"Stack {stack} still has {services} service(s), {tasks} task(s) and {networks} network(s) " +
                    $"{timeout.TotalSeconds:0} s after docker stack rm (--wait-timeout). See docker stack ps {stack}.");
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The engine must manage a swarm; with --swarm-init an engine in no swarm becomes a single-node one.</summary>
    public SwarmState EnsureManager(bool swarmInit)
    {
        var state = Api.State();
        if (state.IsManager && state.LocalNodeState == "active")
        {
            return state;
        }

        if (state.LocalNodeState == "inactive" && swarmInit)
        {
            runner.Run(commands.SwarmInit(), line => log(line));
            return Api.State();
        }

        var fix = state.LocalNodeState switch
        {
            "inactive" => "Point DOCKER_HOST (or --docker's context) at a manager of your swarm, " +
                "or add --swarm-init to make this engine a single-node swarm (docker swarm init) and deploy there.",
            "active" => "It is a worker: point DOCKER_HOST at a manager " +
                "(docker node ls on a manager lists them; scripts/swarm-lab.sh prints its manager's DOCKER_HOST).",
            _ => $"Its swarm state is {state.LocalNodeState}{(state.Error.Length > 0 ? $" ({state.Error})" : "")}: " +
                "see docker info, then point DOCKER_HOST at a manager.",
        };
        throw new CakeException(NotAManagerExitCode,
            $"The engine at {Api.Endpoint} is not a swarm manager (swarm state: {state.LocalNodeState}), so it cannot deploy stack {stack}. {fix}");
    }

    private void WaitUntilConverged(DateTimeOffset since, Action<StackEntry> report)
    {
        var clock = Stopwatch.StartNew();
        var lastLine = "";
        var lastPrinted = TimeSpan.Zero;
        // Swarm says why it rolls back only while it does: "rollback completed" replaces the reason.
        var rollbackReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var services = Api.Services(stack);
            var tasks = Api.Tasks(stack);
            var nodes = Api.Nodes();
            var statuses = StackConvergence.JudgeAll(services, tasks, nodes, since);
            foreach (var status in statuses.Where(status => status.UpdateState is "rollback_started" or "paused" && status.Service.UpdateMessage is not null))
            {
                rollbackReasons.TryAdd(status.Service.Name, status.Service.UpdateMessage!);
            }

            var line = StackConvergence.StatusLine(statuses, clock.Elapsed);
            var body = line[(line.IndexOf(']', StringComparison.Ordinal) + 1)..];
            if (body != lastLine || clock.Elapsed - lastPrinted > TimeSpan.FromSeconds(10))
            {
                log(line);
                lastLine = body;
                lastPrinted = clock.Elapsed;
            }

            if (statuses.Count > 0 && statuses.All(status => status.Outcome == ServiceOutcome.Converged))
            {
                log($"Stack {stack} converged in {clock.Elapsed.TotalSeconds:0.0} s.");
                Report(statuses, nodes, report);
                return;
            }

            var failed = statuses.Where(status => status.Outcome is ServiceOutcome.RolledBack or ServiceOutcome.Paused).ToArray();
            // Report every rollback at once: wait while another service is still rolling back.
            if (failed.Length > 0 && !statuses.Any(status => status.UpdateState == "rollback_started"))
            {
                var error = RolledBack(failed, tasks, since, rollbackReasons);
                log($"Stack {stack} after the rollback:");
                Report(statuses, nodes, report);
                throw error;
            }

            if (clock.Elapsed > timeout)
            {
                var error = TimedOut(statuses.Where(status => status.Outcome != ServiceOutcome.Converged).ToArray(), tasks);
                log($"Stack {stack} as it is now:");
                Report(statuses, nodes, report);
                throw error;
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The table (service, replicas, nodes, image digest, endpoints) in the log and the stack object in the report.</summary>
    private void Report(IReadOnlyList<ServiceStatus> statuses, IReadOnlyList<SwarmNode> nodes, Action<StackEntry> report)
    {
        var entry = StackConvergence.Entry(statuses, nodes);
        foreach (var row in StackConvergence.Table(entry))
        {
            log(row);
        }

        report(entry);
    }

    private CakeException RolledBack(
        IReadOnlyList<ServiceStatus> failed, IReadOnlyList<SwarmTask> tasks, DateTimeOffset since, IReadOnlyDictionary<string, string> reasons)
    {
        var lines = new List<string>();
        var healthOutput = new List<string>();
        foreach (var status in failed)
        {
            var service = status.Service;
            // The tasks this Deploy started with another image than the one the service runs now: the new image's.
            var newTasks = tasks.Where(task => task.ServiceId == service.Id && task.Image != service.Image && task.Timestamp >= since)
                .OrderByDescending(task => task.Timestamp).ToArray();
            var failedImage = newTasks.FirstOrDefault()?.Image ?? service.PreviousImage ?? "the new image";
            var reason = reasons.GetValueOrDefault(service.Name) ?? service.UpdateMessage ?? "no reason given";
            lines.Add(status.Outcome == ServiceOutcome.RolledBack
                ? $"{service.Name} rolled back to {service.Image}: the update to {failedImage} failed ({reason})."
                : $"{service.Name}: the update to {failedImage} paused ({reason}); docker service rollback {service.FullName} undoes it.");
            var details = TaskDetails(service, newTasks, fromService: false);
            healthOutput.AddRange(details.Where(line => line.Contains("healthcheck", StringComparison.Ordinal)).Select(line => line.Trim()));
            lines.AddRange(details);
        }

        LogAll(lines);
        var health = healthOutput.Count == 0
            ? "No health check output was logged"
            : $"Failing health check: {string.Join(" | ", healthOutput.Distinct(StringComparer.Ordinal).TakeLast(2))}";
        return new CakeException(SwarmExitCode,
            $"Stack {stack}: {string.Join(" ", lines.Where(line => !line.StartsWith("  ", StringComparison.Ordinal)))} {health}. " +
            "Task errors and last log lines are above.");
    }

    private CakeException TimedOut(IReadOnlyList<ServiceStatus> waiting, IReadOnlyList<SwarmTask> tasks)
    {
        var lines = new List<string>();
        foreach (var status in waiting)
        {
            lines.Add(
                $"{status.Service.Name}: {status.Healthy}/{status.Service.Desired} healthy{(status.UpdateState is { } state ? $", update {state}" : "")}.");
            lines.AddRange(TaskDetails(status.Service, tasks.Where(task => task.ServiceId == status.Service.Id), fromService: true));
        }

        LogAll(lines);
        return new CakeException(SwarmExitCode,
            $"Stack {stack} did not converge within {timeout.TotalSeconds:0} s (--wait-timeout): " +
            $"{string.Join(" ", lines.Where(line => !line.StartsWith("  ", StringComparison.Ordinal)))} " +
            "Task errors and last log lines are above; " +
            $"the stack is left as it is (docker stack ps {stack}; ./build.sh --target=Undeploy removes it).");
    }

    /// <summary>The distinct task errors (newest first), then the last log lines: of the failed tasks, or of the whole service.</summary>
    private List<string> TaskDetails(SwarmService service, IEnumerable<SwarmTask> tasks, bool fromService)
    {
        var lines = new List<string>();
        var recent = tasks.OrderByDescending(task => task.Timestamp).ToArray();
        var errors = recent
            .Where(task => task.Error is { Length: > 0 } || task.DesiredState == "running" && task.State is "pending" or "assigned" or "preparing" or "starting"
                || !fromService)
            .Select(task => $"{task.State}: {task.Error ?? task.Message}")
            .Distinct(StringComparer.Ordinal).Take(5).ToArray();
        lines.Add(errors.Length == 0 ? "  task errors: none reported" : "  task errors: " + string.Join("; ", errors));
        // A task that failed says why in its log; one shut down by the rollback before it ran has none, so failed
        // tasks come first. A worker's log of a task that just ended may not be served yet: asked once more, a second later.
        var logs = ReadLogs();
        if (logs.Count == 0)
        {
            Thread.Sleep(PollInterval);
            logs = ReadLogs();
        }

        lines.Add($"  --- last log lines of {service.Name} ---");
        lines.AddRange(logs.Count == 0 ? ["  (none could be read)"] : logs.TakeLast(LogLines).Select(line => "  " + line));
        return lines;

        IReadOnlyList<string> ReadLogs() => fromService
            ? Api.ServiceLogs(service.Id, LogLines)
            : recent.OrderBy(task => task.State == "failed" ? 0 : 1).Take(2).SelectMany(task => Api.TaskLogs(task.Id, LogLines)).ToArray();
    }

    private void LogAll(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            logError(line);
        }
    }

    private static Dictionary<string, string> Variables(DeployImages images, IReadOnlyDictionary<string, int> replicas)
    {
        var variables = new Dictionary<string, string>(images.Variables, StringComparer.Ordinal);
        foreach (var (service, count) in replicas)
        {
            variables[StackFileGenerator.ReplicasVariable(service)] = count.ToString(CultureInfo.InvariantCulture);
        }

        return variables;
    }
}
