using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(BuildReducer))]
[TaskDescription("Builds the reducer image from deployment/Dockerfile.reducer at the build target's stage (development or production).")]
[IsDependentOn(typeof(EnsureLock))]
public sealed class BuildReducer(ImageTaskServices services) : StageImageTask("reducer", services);
