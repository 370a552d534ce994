using Build.Images;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Clean))]
[TaskDescription(
    "Removes this project's images (every tag of orchestrator and reducer), the dangling layers its builds left, and artifacts/ (then " +
    "the report of the Clean run itself is written there).")]
[LeavesWhenInterrupted("Some images may be removed: run Clean again.")]
public sealed class Clean : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        new ProjectCleaner(context.Runner, context.Docker, context.Log).Clean(context.Options.Registry, context.Options.RepositoryRoot);
}
