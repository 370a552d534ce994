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
            throw BuildErrors.BadOption(exception.Message);
        }

        var poetry = table.Table("tool")?.Table("poetry");
        var project = table.Table("project");
        var version = poetry?.String("version") ?? project?.String("version");
        var name = poetry?.String("name") ?? project?.String("name") ?? "omninode-bridge";
        if (version is null)
        {
            throw BuildErrors.BadOption($"{pyprojectPath}: no version found. Set [tool.poetry] version = \"X.Y.Z\" (or [project] version); the image tags and the org.opencontainers.image.version label use it.");
        }

        return new ProjectMetadata(name, version);
    }
}

internal static class TomlTableExtensions
{
    public static TomlTable? Table(this TomlTable table, string key) => table.TryGetValue(key, out var value) ? value as TomlTable : null;

    public static string? String(this TomlTable table, string key) => table.TryGetValue(key, out var value) ? value as string : null;
}
