using Cake.Core.IO;

namespace Build.Tools.Docker;

/// <summary>
/// The docker command lines that change a swarm (the questions go to the Engine API: Build.Swarm.SwarmApi). Real runs and
/// dry runs both take their <see cref="ToolCommand"/> from here, so a dry run shows exactly these.
/// </summary>
public sealed class SwarmCommands(string docker, DirectoryPath workingDirectory)
{
    /// <summary>
    /// `docker stack deploy`: the variables of the stack file go into the environment, which the client substitutes
    /// (it never reads a .env file). The images come by digest (Build.Swarm.DeployImages), so --resolve-image never: the
    /// spec keeps exactly that reference, and a service whose digest did not change is left as it runs. --prune removes
    /// services the stack file no longer has.
    /// </summary>
    public ToolCommand StackDeploy(string stackFile, string stack, bool withRegistryAuth, IReadOnlyDictionary<string, string> variables) =>
        ToolCommand.Create(docker, workingDirectory, arguments =>
        {
            arguments.Append("stack").Append("deploy");
            arguments.AppendOption("--compose-file", stackFile);
            arguments.Append("--prune");
            arguments.AppendOption("--resolve-image", "never");
            if (withRegistryAuth)
            {
                arguments.Append("--with-registry-auth");
            }

            arguments.AppendValue(stack);
        }, variables);

    public ToolCommand StackRemove(string stack) =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("stack").Append("rm").AppendValue(stack));

    /// <summary>
    /// A single-node swarm for this machine. It advertises 127.0.0.1: no other node joins it, and without an address
    /// swarm refuses to choose one on a machine with several.
    /// </summary>
    public ToolCommand SwarmInit() =>
        ToolCommand.Create(docker, workingDirectory, arguments => arguments.Append("swarm").Append("init").AppendOption("--advertise-addr", "127.0.0.1"));
}
