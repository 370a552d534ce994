namespace Build.Swarm;

/// <summary>
/// One service as Deploy sees it. <paramref name="Running"/> are the tasks that run, on a node that is up, and whose
/// desired state is running; swarm reports a task with a health check as running only once it is healthy.
/// </summary>
public sealed record ServiceStatus(SwarmService Service, IReadOnlyList<SwarmTask> Running, string? UpdateState, ServiceOutcome Outcome)
{
    /// <summary>Running tasks with the service's current image.</summary>
    public int Healthy => Running.Count(task => task.Image == Service.Image);
}
