using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Images;

/// <summary>
/// Removes this project's images (every tag of every service of <see cref="ImageTable"/>), the dangling layers its
/// builds left, and artifacts/. In a dry run it lists what it would remove and removes nothing.
/// </summary>
public sealed class ProjectCleaner(CommandRunner runner, DockerCommands docker, ICakeLog log)
{
    public void Clean(string? registry, DirectoryPath repositoryRoot)
    {
        var references = new List<string>();
        foreach (var service in ImageTable.ServiceNames)
        {
            var repository = ImageTable.Repository(registry, service);
            if (runner.DryRun)
            {
                runner.Show(docker.ImagesOf(repository));
                continue;
            }

            references.AddRange(runner.CaptureChecked(docker.ImagesOf(repository)).Output.Where(line => line.Length > 0 && !line.EndsWith(":<none>", StringComparison.Ordinal)));
        }

        if (references.Count > 0)
        {
            runner.Run(docker.RemoveImages(references));
        }

        runner.Run(docker.PruneDanglingImages(ImagePlanner.ProjectLabel));
        var artifacts = repositoryRoot.Combine("artifacts").FullPath;
        if (runner.DryRun)
        {
            log.Information("  then remove every tag listed above, and {0}", artifacts);
            return;
        }

        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        log.Information("Removed {0} image tag(s) and {1}.", references.Count, artifacts);
    }
}
