using Build.Images;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Clean))]
[TaskDescription("Removes this project's images (every tag of orchestrator and reducer), the dangling layers its builds left, and artifacts/ (then the report of the Clean run itself is written there).")]
public sealed class Clean : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var references = new List<string>();
        foreach (var service in ImageTable.ServiceNames)
        {
            var repository = context.Options.Registry is null ? service : $"{context.Options.Registry}/{service}";
            if (context.Runner.DryRun)
            {
                context.Runner.Show(context.Docker.ImagesOf(repository));
                continue;
            }

            references.AddRange(context.Runner.CaptureChecked(context.Docker.ImagesOf(repository)).Output.Where(line => line.Length > 0 && !line.EndsWith(":<none>", StringComparison.Ordinal)));
        }

        if (references.Count > 0)
        {
            context.Runner.Run(context.Docker.RemoveImages(references));
        }

        context.Runner.Run(context.Docker.PruneDanglingImages(ImagePlanner.ProjectLabel));
        var artifacts = context.Options.RepositoryRoot.Combine("artifacts").FullPath;
        if (!context.Runner.DryRun && Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        if (context.Runner.DryRun)
        {
            context.Log.Information("  then remove every tag listed above, and {0}", artifacts);
        }
        else
        {
            context.Log.Information("Removed {0} image tag(s) and {1}.", references.Count, artifacts);
        }
    }
}
