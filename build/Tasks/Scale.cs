using Build.Stack;
using Build.Tools.Compose;
using Cake.Core;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Scale))]
[TaskDescription("Scales the running stack (--scale=orchestrator=3 --scale=reducer=2) without restarting healthy containers, then checks replicas and health.")]
[IsDependentOn(typeof(ComposeUp))]
public sealed class Scale : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var plan = context.Options.Scale;
        if (plan.IsEmpty)
        {
            throw BuildErrors.BadOption("Scale needs at least one --scale=SERVICE=COUNT, for example --scale=orchestrator=3 --scale=reducer=2.");
        }

        // --no-recreate keeps the healthy containers as they are; compose only adds or removes replicas.
        var stack = new ComposeStack(context);
        stack.Up(new ScaleArguments(plan.Replicas), noRecreate: true);
        var services = stack.WaitUntilHealthy(plan.Replicas);
        context.Report.Compose(services);
        if (context.Runner.DryRun)
        {
            return;
        }

        foreach (var (service, replicas) in plan.Replicas)
        {
            var running = services.FirstOrDefault(s => s.Service == service)?.Replicas ?? 0;
            if (running != replicas)
            {
                throw BuildErrors.StackNotAsAsked($"{service} runs {running} replicas after scaling to {replicas}.");
            }
        }

        stack.PrintTable(services);
    }
}
