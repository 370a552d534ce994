using Build.Stack;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(ComposeDown))]
[TaskDescription("Stops and removes the stack's containers and networks (--volumes also removes its volumes).")]
public sealed class ComposeDown(ComposeStack stack) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => stack.Down();
}
