using Build.Stack;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(ComposeUp))]
[TaskDescription("Starts deployment/docker-compose.bridge.yml with the images just built and waits until every container is healthy.")]
[IsDependentOn(typeof(BuildOrchestrator))]
[IsDependentOn(typeof(BuildReducer))]
[LeavesWhenInterrupted("The stack is left as it is (docker ps shows it; ./build.sh --target=ComposeDown removes it).")]
public sealed class ComposeUp(ComposeStack stack) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        stack.Up();
        context.Report.Compose(stack.WaitUntilHealthy());
    }
}
