using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildSlimReducer))]
[TaskDescription("Builds the minimal reducer runtime image from docker/bridge-nodes/Dockerfile.reducer.")]
[IsDependentOn(typeof(EnsureLock))]
public sealed class BuildSlimReducer(ImageTaskServices services) : SlimImageTask("reducer", services);
