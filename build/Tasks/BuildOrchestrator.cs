using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildOrchestrator))]
[TaskDescription("Builds the orchestrator image from deployment/Dockerfile.orchestrator at the build target's stage (development or production).")]
[IsDependentOn(typeof(EnsureLock))]
[BuildsImage("orchestrator")]
public sealed class BuildOrchestrator(ImageTaskServices services) : ImageTask(services);
