using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Engine))]
[TaskDescription("Finds the Docker engine the build uses (DOCKER_HOST or context, default socket, the project's own engine), starting the project engine when none answers, and prints it with its version.")]
public sealed class Engine(IEngineSession engine, ProjectEngine projectEngine, ISideEffects effects) : FrostingTask<BuildContext>
{
    // A real run's resolving logs "Docker engine: <source> <endpoint> (engine <version>)" and records it in the report;
    // the last line is for eval: eval "export $(./build.sh --target=Engine | grep ^DOCKER_HOST=)". A dry run starts nothing.
    public override void Run(BuildContext context) => effects.Make(
        () => Console.WriteLine($"DOCKER_HOST={engine.Engine!.Endpoint.Url}"),
        () => context.Log.Information(engine.Engine is { } answering
            ? $"Docker engine: {answering.Describe()}"
            : $"No engine answers: a real run would start the project engine on {projectEngine.Location.Socket}."));
}
