using Build.Tools.Docker;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(EngineDown))]
[TaskDescription("Stops the project's own Docker engine and waits until it is gone; does nothing when it is not running, " +
    "and never touches an engine the build did not start.")]
public sealed class EngineDown(ProjectEngine projectEngine) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var location = projectEngine.Location;
        context.Log.Information(projectEngine.Stop()
            ? $"The project engine ({location.Socket}) has stopped; its images stay in {location.DataRoot} for the next start."
            : $"The project engine ({location.Socket}) is not running: nothing to stop.");
    }
}
