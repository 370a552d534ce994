using Build.Images;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildSlimOrchestrator))]
[TaskDescription("Builds the minimal orchestrator runtime image from docker/bridge-nodes/Dockerfile.orchestrator.")]
[IsDependentOn(typeof(EnsureLock))]
[BuildsImage("orchestrator", ImageFlavour.Slim)]
public sealed class BuildSlimOrchestrator(ImageTaskServices services) : ImageTask(services);
