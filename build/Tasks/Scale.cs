using Build.Context;
using Build.Stack;
using Build.Tools;
using Cake.Core;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Scale))]
[TaskDescription("Scales the running stack (--scale=orchestrator=3 --scale=reducer=2) without restarting healthy containers, then checks replicas and health.")]
[IsDependentOn(typeof(ComposeUp))]
[NeedsScalePlan]
[LeavesWhenInterrupted("The stack is left as it is (docker ps shows it; ./build.sh --target=ComposeDown removes it).")]
public sealed class Scale(ComposeStack stack, ISideEffects effects) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        // An empty plan is refused before the first task: [NeedsScalePlan] above, checked in BuildLifetime.Setup.
        var plan = context.Options.Scale;

        // --no-recreate keeps the healthy containers as they are; compose only adds or removes replicas.
        stack.Up(noRecreate: true);
        var services = stack.WaitUntilHealthy(plan.Replicas);
        context.Report.Compose(services);
        effects.Make(() => Check(plan, services));
    }

    /// <summary>Each service runs as many replicas as asked (the wait saw them healthy); the table shows them.</summary>
    private void Check(ScalePlan plan, IReadOnlyList<ServiceHealth> services)
    {
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
