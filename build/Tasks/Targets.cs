using Build.Images;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

// The umbrella targets, all in one file so that it shows the whole graph at a glance.
// Each is attributes only; the work is in the tasks they depend on.

[TaskName(nameof(Development))]
[TaskDescription("Builds both images at the development stage (dev dependencies, hot reload).")]
[IsDependentOn(typeof(BuildOrchestrator))]
[IsDependentOn(typeof(BuildReducer))]
[FixesStage(ImageFlavour.Development)]
public sealed class Development : FrostingTask<BuildContext>;

[TaskName(nameof(Production))]
[TaskDescription("The main job: builds both images at the production stage (main dependencies only, non-root).")]
[IsDependentOn(typeof(BuildOrchestrator))]
[IsDependentOn(typeof(BuildReducer))]
[FixesStage(ImageFlavour.Production)]
public sealed class Production : FrostingTask<BuildContext>;

[TaskName(nameof(Slim))]
[TaskDescription("Builds both minimal bridge-node runtime images (no Poetry, only the venv and the code).")]
[IsDependentOn(typeof(BuildSlimOrchestrator))]
[IsDependentOn(typeof(BuildSlimReducer))]
public sealed class Slim : FrostingTask<BuildContext>;

[TaskName(nameof(Default))]
[TaskDescription("What ./build.sh runs without --target: Production.")]
[IsDependentOn(typeof(Production))]
[FixesStage(ImageFlavour.Production)]
public sealed class Default : FrostingTask<BuildContext>;
