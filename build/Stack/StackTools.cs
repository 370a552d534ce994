using Build.Tools;
using Build.Tools.Compose;
using Build.Tools.Docker;

namespace Build.Stack;

/// <summary>
/// What a compose stack talks to the engine with. The command lines and the engine API are found on first use: in a
/// real run finding them resolves the engine, which a dry run never does.
/// </summary>
public sealed record StackTools(ICommandRunner Runner, Func<DockerCommands> Docker, Func<ComposeCommands> Compose, Func<EngineApi?> EngineApi);
