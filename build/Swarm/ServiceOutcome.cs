namespace Build.Swarm;

/// <summary>Where a service of the stack stands while Deploy waits.</summary>
public enum ServiceOutcome
{
    /// <summary>Tasks are starting, updating or rolling back.</summary>
    Waiting,

    /// <summary>Desired replicas run the current image and healthy, no update in progress.</summary>
    Converged,

    /// <summary>Swarm rolled the update back: the new image failed (its health check, usually).</summary>
    RolledBack,

    /// <summary>The update (or its rollback) paused on a failure and waits for a person.</summary>
    Paused,
}
