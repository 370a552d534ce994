using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildReducer))]
[TaskDescription("Builds the reducer image from deployment/Dockerfile.reducer at the build target's stage (development or production).")]
[IsDependentOn(typeof(EnsureLock))]
[BuildsImage("reducer")]
public sealed class BuildReducer(ImageTaskServices services) : ImageTask(services);
