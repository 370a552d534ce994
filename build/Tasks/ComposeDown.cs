using Build.Stack;
using Cake.Core;
using Cake.Core.Diagnostics;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(ComposeDown))]
[TaskDescription("Stops and removes the stack's containers and networks (--volumes also removes its volumes).")]
[LeavesWhenInterrupted("The stack may be partly removed: run ComposeDown again.")]
public sealed class ComposeDown(ComposeStack stack) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => stack.Down();
}
