using Cake.Core.IO;

namespace Build.Context;

/// <summary>
/// Finds the repository root: the nearest folder, from the working directory upwards, that holds
/// build/Build.csproj. The build host can then be started from any sub-folder, like git.
/// </summary>
public static class RepositoryLocator
{
    public const string Marker = "build/Build.csproj";

    public static DirectoryPath Find(DirectoryPath workingDirectory)
    {
        foreach (var start in new[] { workingDirectory.FullPath, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return new DirectoryPath(directory.FullName);
                }
            }
        }

        throw BuildErrors.BadOption($"No OmniNode Bridge repository found above {workingDirectory.FullPath}: looked for {Marker} in it and every " +
            "parent folder. Run ./build.sh from the repository, or pass --working=PATH.");
    }
}
