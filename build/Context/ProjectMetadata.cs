using Build.Lock;
using Tomlyn.Model;

namespace Build.Context;

/// <summary>The facts the images need from pyproject.toml: the project's name and version.</summary>
public sealed record ProjectMetadata(string Name, string Version)
{
    /// <summary>
    /// Reads [tool.poetry].version, else PEP 621 [project].version. A malformed file is reported with its
    /// path, line and column, the way compilers do, so editors can jump to it.
    /// </summary>
    public static ProjectMetadata Read(string pyprojectPath)
    {
        TomlTable table;
        try
        {
            table = TomlFile.Load(pyprojectPath);
        }
        catch (LockFileException exception)
        {
            // Same message format as EnsureLock's: path:line:column: reason.
            throw BuildErrors.BadInputFile(exception.Message);
        }

        var poetry = ContentHash.Table(ContentHash.Table(table, "tool"), "poetry");
        var project = ContentHash.Table(table, "project");
        var version = ContentHash.Value(poetry, "version") as string ?? ContentHash.Value(project, "version") as string;
        var name = ContentHash.Value(poetry, "name") as string ?? ContentHash.Value(project, "name") as string ?? "omninode-bridge";
        if (version is null)
        {
            throw BuildErrors.BadInputFile($"{pyprojectPath}: no version found. Set [tool.poetry] version = \"X.Y.Z\" (or [project] version); the image tags and the org.opencontainers.image.version label use it.");
        }

        return new ProjectMetadata(name, version);
    }
}
