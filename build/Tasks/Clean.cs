using Build.Images;
using Build.Tools;
using Build.Tools.Docker;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Clean))]
[TaskDescription(
    "Removes this project's images (every tag of orchestrator and reducer), the dangling layers its builds left, and artifacts/ (then " +
    "the report of the Clean run itself is written there).")]
[LeavesWhenInterrupted("Some images may be removed: run Clean again.")]
public sealed class Clean(ICommandRunner runner, IEngineSession engine, ISideEffects effects) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        new ProjectCleaner(runner, engine.Docker, effects, context.Log).Clean(context.Options.Registry, context.Options.RepositoryRoot);
}
