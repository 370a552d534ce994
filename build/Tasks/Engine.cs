using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Engine))]
[TaskDescription("Finds the Docker engine the build uses (DOCKER_HOST or context, default socket, the project's own engine), starting the project engine when none answers, and prints it with its version.")]
public sealed class Engine : FrostingTask<BuildContext>, IDryRunnable<BuildContext>
{
    // Resolving logs "Docker engine: <source> <endpoint> (engine <version>)" and records it in the report.
    public override void Run(BuildContext context) => _ = context.EngineInUse;

    public void DryRun(BuildContext context) =>
        context.Log.Information(context.EngineInUse is { } engine
            ? $"Docker engine: {engine.Describe()}"
            : $"No engine answers: a real run would start the project engine on {context.ProjectEngine.Location.Socket}.");
}
