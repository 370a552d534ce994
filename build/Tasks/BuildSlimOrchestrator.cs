using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildSlimOrchestrator))]
[TaskDescription("Builds the minimal orchestrator runtime image from docker/bridge-nodes/Dockerfile.orchestrator.")]
[IsDependentOn(typeof(EnsureLock))]
public sealed class BuildSlimOrchestrator(ImageTaskServices services) : SlimImageTask("orchestrator", services);
