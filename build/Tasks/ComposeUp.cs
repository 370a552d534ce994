using Build.Stack;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(ComposeUp))]
[TaskDescription("Starts deployment/docker-compose.bridge.yml with the images just built and waits until every container is healthy.")]
[IsDependentOn(typeof(BuildOrchestrator))]
[IsDependentOn(typeof(BuildReducer))]
public sealed class ComposeUp(ComposeStack stack) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        stack.Up();
        context.Report.Compose(stack.WaitUntilHealthy());
    }
}
