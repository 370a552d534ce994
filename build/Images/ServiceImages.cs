namespace Build.Images;

/// <summary>One service and the names of the tasks that build its images.</summary>
/// <param name="Service">The service (image repository and compose service name).</param>
/// <param name="StageTask">The task that builds it at the build target's stage.</param>
/// <param name="SlimTask">The task that builds its slim runtime image.</param>
public sealed record ServiceImages(string Service, string StageTask, string SlimTask);
