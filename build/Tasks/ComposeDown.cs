using Cake.Core;
using Cake.Core.Diagnostics;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(ComposeDown))]
[TaskDescription("Stops and removes the stack's containers and networks (--volumes also removes its volumes).")]
[LeavesWhenInterrupted("The stack may be partly removed: run ComposeDown again.")]
public sealed class ComposeDown : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        context.Runner.Run(context.Compose.Down(context.Options.RemoveVolumes));
        if (context.Runner.DryRun)
        {
            return;
        }

        var label = $"com.docker.compose.project={context.Options.ProjectName}";
        var containers = context.Runner.CaptureChecked(context.Docker.ContainersWithLabel(label)).Output.Count(line => line.Trim().Length > 0);
        var networks = context.Runner.CaptureChecked(context.Docker.NetworksWithLabel(label)).Output.Count(line => line.Trim().Length > 0);
        if (containers + networks > 0)
        {
            throw BuildErrors.StackNotAsAsked($"After compose down, project {context.Options.ProjectName} still has {containers} container(s) and {networks} network(s).");
        }

        context.Log.Information("Project {0}: no container or network left.", context.Options.ProjectName);
    }
}
