using Build.Images;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildSlimReducer))]
[TaskDescription("Builds the minimal reducer runtime image from docker/bridge-nodes/Dockerfile.reducer.")]
[IsDependentOn(typeof(EnsureLock))]
[BuildsImage("reducer", ImageFlavour.Slim)]
public sealed class BuildSlimReducer(ImageTaskServices services) : ImageTask(services);
