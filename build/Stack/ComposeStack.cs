using System.Diagnostics;
using Build.Tools;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Stack;

/// <summary>
/// Brings the compose project up, waits for health, scales and tears it down. Compose v1 has no --wait, so the
/// waiting is ours on both versions: poll `docker container inspect` for every container of the project.
/// </summary>
public sealed class ComposeStack(BuildContext context)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private string ProjectLabel => $"com.docker.compose.project={context.Options.ProjectName}";

    public IReadOnlyList<ContainerState> Containers()
    {
        var ids = context.Runner.CaptureChecked(context.Docker.ContainersWithLabel(ProjectLabel)).Output
            .Where(line => line.Trim().Length > 0).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        // A container can disappear between ps and inspect (scale down); inspect then fails for it only.
        var inspect = context.Runner.Capture(context.Docker.ContainerInspect(ids, ContainerState.InspectFormat));
        return inspect.Output.Select(ContainerState.Parse).OfType<ContainerState>().ToArray();
    }

    /// <summary>
    /// `compose up` (optionally scaling). Its output is shown live and kept: when compose itself fails (a port taken,
    /// an image missing), the failure names compose's own error line and is handled like a failed health check.
    /// </summary>
    public void Up(Build.Tools.Compose.ScaleArguments? scale = null, bool noRecreate = false)
    {
        var output = new List<string>();
        var exitCode = context.Runner.RunUnchecked(context.Compose.Up(scale, noRecreate), line =>
        {
            context.Log.Information("{0}", line);
            lock (output)
            {
                output.Add(line);
            }
        });
        if (exitCode != 0)
        {
            var error = output.LastOrDefault(line => line.Contains("rror", StringComparison.Ordinal) || line.Contains("failed", StringComparison.Ordinal))?.Trim()
                ?? "see compose's output above";
            Fail($"`{context.ComposeClient.Program} up` failed (exit code {exitCode}): {error}", Containers());
        }
    }

    /// <summary>
    /// Waits until every container of every service is ready, printing a status line when it changes (and every
    /// ten seconds). On a failed health check or a timeout it prints the last log lines of the containers that are
    /// not ready and fails.
    /// </summary>
    public IReadOnlyList<ServiceHealth> WaitUntilHealthy(IReadOnlyDictionary<string, int>? expectedReplicas = null)
    {
        var timeout = context.Options.WaitTimeout;
        if (context.Runner.DryRun)
        {
            context.Log.Information("  then wait until every container of project {0} is healthy (at most {1:0} s)", context.Options.ProjectName, timeout.TotalSeconds);
            return [];
        }

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
                context.Log.Information(line);
                lastLine = body;
                lastPrinted = clock.Elapsed;
            }

            var counted = expectedReplicas is null
                || expectedReplicas.All(pair => services.FirstOrDefault(s => s.Service == pair.Key)?.Replicas == pair.Value || (pair.Value == 0 && services.All(s => s.Service != pair.Key)));
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

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Prints the table of Scale: service, replicas, healthy.</summary>
    public void PrintTable(IReadOnlyList<ServiceHealth> services)
    {
        context.Log.Information("{0,-14} {1,8} {2,8}", "service", "replicas", "healthy");
        foreach (var service in services)
        {
            context.Log.Information("{0,-14} {1,8} {2,8}", service.Service, service.Replicas, service.Healthy);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason, IReadOnlyList<ContainerState> containers)
    {
        foreach (var container in containers.Where(c => !c.IsReady))
        {
            context.Log.Error("--- last log lines of {0} ({1}, health {2}) ---", container.Name, container.Status, container.Health);
            var logs = context.Runner.Capture(context.Docker.ContainerLogs(container.Id, 30));
            foreach (var logLine in logs.Output.Concat(logs.Error).TakeLast(30))
            {
                context.Log.Error("  {0}", logLine);
            }
        }

        var advice = "The stack is left running for inspection (docker ps, docker logs); ./build.sh --target=ComposeDown removes it.";
        if (context.Options.DownOnFailure)
        {
            context.Runner.RunUnchecked(context.Compose.Down(context.Options.RemoveVolumes));
            advice = "The stack was taken down (--down-on-failure).";
        }

        throw BuildErrors.StackNotAsAsked($"Project {context.Options.ProjectName}: {reason}. {advice}");
    }
}
