using Build.Swarm;
using Build.Tools;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(StackFile))]
[TaskDescription("Writes deployment/docker-stack.bridge.yml (the swarm stack) from deployment/docker-compose.bridge.yml; " +
    "run it after changing the compose file.")]
public sealed class StackFile(ISideEffects effects) : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) => effects.Make(() => Write(context), () => Describe(context));

    private static void Write(BuildContext context)
    {
        var stack = StackDefinition.Read(context.Options.RepositoryRoot.FullPath);
        if (stack.IsCurrent)
        {
            context.Log.Information("{0} is up to date with {1}.", StackFileGenerator.StackFileRelative, StackFileGenerator.ComposeFileRelative);
            return;
        }

        File.WriteAllText(stack.StackPath, stack.Generated);
        context.Log.Information("Wrote {0} from {1}.", StackFileGenerator.StackFileRelative, StackFileGenerator.ComposeFileRelative);
    }

    private static void Describe(BuildContext context)
    {
        var stack = StackDefinition.Read(context.Options.RepositoryRoot.FullPath);
        context.Log.Information(stack.IsCurrent
            ? $"  {StackFileGenerator.StackFileRelative} is up to date"
            : $"  would write {StackFileGenerator.StackFileRelative} from {StackFileGenerator.ComposeFileRelative}");
    }
}
