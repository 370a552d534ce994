using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Engine))]
[TaskDescription("Finds the Docker engine the build uses (DOCKER_HOST or context, default socket, the project's own engine), starting the project engine when none answers, and prints it with its version.")]
public sealed class Engine : FrostingTask<BuildContext>, IDryRunnable<BuildContext>
{
    // Resolving logs "Docker engine: <source> <endpoint> (engine <version>)" and records it in the report; the last
    // line is for eval: eval "export $(./build.sh --target=Engine | grep ^DOCKER_HOST=)".
    public override void Run(BuildContext context) => Console.WriteLine($"DOCKER_HOST={context.EngineInUse!.Endpoint.Url}");

    public void DryRun(BuildContext context) =>
        context.Log.Information(context.EngineInUse is { } engine
            ? $"Docker engine: {engine.Describe()}"
            : $"No engine answers: a real run would start the project engine on {context.ProjectEngine.Location.Socket}.");
}
