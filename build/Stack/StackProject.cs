using Build.Context;
using Build.Images;
using Build.Tools.Compose;

namespace Build.Stack;

/// <summary>The compose project of a run: its files, its name and the variables that pick the images the build tasks made.</summary>
public static class StackProject
{
    public static ComposeProject Of(BuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var composeFile = Relative(options, options.ComposeFile.FullPath);
        if (!File.Exists(options.ComposeFile.FullPath))
        {
            throw BuildErrors.BadInputFile($"{composeFile} is missing: the stack is defined there. Restore it from git (git checkout -- {composeFile}).");
        }

        var files = new List<string> { composeFile };
        if (options.BuildTarget == ImageFlavour.Development && options.ComposeDevelopmentOverride is { } developmentOverride)
        {
            files.Add(Relative(options, developmentOverride.FullPath));
        }

        var variables = new Dictionary<string, string>
        {
            ["BUILD_TARGET"] = ImageTable.Of(options.BuildTarget).Stage,
            ["IMAGE_TAG"] = ImageTable.Of(options.BuildTarget).Tag,
            ["IMAGE_REGISTRY"] = options.Registry is null ? "" : options.Registry + "/",
        };
        return new ComposeProject(files, options.ProjectName, variables);
    }

    private static string Relative(BuildOptions options, string path) =>
        Path.GetRelativePath(options.RepositoryRoot.FullPath, path).Replace('\\', '/');
}
