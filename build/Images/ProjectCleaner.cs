using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Images;

/// <summary>
/// Removes this project's images (every tag of every service of <see cref="ImageTable"/>), the dangling layers its
/// builds left, and artifacts/. The dry run's side effects list what it would remove and remove nothing.
/// </summary>
public sealed class ProjectCleaner(ICommandRunner runner, DockerCommands docker, ISideEffects effects, ICakeLog log)
{
    public void Clean(string? registry, DirectoryPath repositoryRoot)
    {
        var references = new List<string>();
        foreach (var service in ImageTable.ServiceNames)
        {
            var repository = ImageTable.Repository(registry, service);
            var images = docker.ImagesOf(repository);
            references.AddRange(effects.Make(
                () => runner.CaptureChecked(images).Output.Where(line => line.Length > 0 && !line.EndsWith(":<none>", StringComparison.Ordinal)).ToArray(),
                () =>
                {
                    runner.Show(images);
                    return [];
                }));
        }

        if (references.Count > 0)
        {
            runner.Run(docker.RemoveImages(references));
        }

        runner.Run(docker.PruneDanglingImages(ImagePlanner.ProjectLabel));
        var artifacts = repositoryRoot.Combine("artifacts").FullPath;
        effects.Make(
            () =>
            {
                if (Directory.Exists(artifacts))
                {
                    Directory.Delete(artifacts, recursive: true);
                }

                log.Information("Removed {0} image tag(s) and {1}.", references.Count, artifacts);
            },
            () => log.Information("  then remove every tag listed above, and {0}", artifacts));
    }
}
