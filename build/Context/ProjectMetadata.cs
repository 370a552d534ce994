using System.Text.RegularExpressions;
using Build.Lock;
using Build.Reporting;
using Tomlyn.Model;

namespace Build.Context;

/// <summary>
/// The facts the images need from pyproject.toml: the project's name and version, and the folders that hold its own code
/// (<see cref="CodeFolders"/>).
/// </summary>
public sealed partial record ProjectMetadata(string Name, string Version)
{
    /// <summary>
    /// The folders of the project's own packages, relative to the project (Poetry's <c>packages</c>: <c>from</c> joined with
    /// <c>include</c>, e.g. src/omninode_bridge). An edit there changes no installed distribution, so an image's SBOM does
    /// not depend on them. Empty when pyproject.toml declares no packages: then no file counts as code.
    /// </summary>
    public IReadOnlyList<string> CodeFolders { get; init; } = [];

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
            throw BuildErrors.BadInputFile($"{pyprojectPath}: no version found. Set [tool.poetry] version = \"X.Y.Z\" (or [project] version); " +
                "the image tags and the org.opencontainers.image.version label use it.");
        }

        if (!Pep440Pattern().IsMatch(version))
        {
            var line = BuildFailures.LineOf(pyprojectPath, version);
            throw BuildErrors.BadInputFile(
                $"{pyprojectPath}:{line ?? 1}: version = \"{version}\" is not a PEP 440 version, which Poetry requires " +
                "(for example \"0.1.0\", \"1.2.0rc1\", \"2.0.0.post1\"); the image tags and the org.opencontainers.image.version label use it.")
                .At(pyprojectPath, line);
        }

        return new ProjectMetadata(name, version) { CodeFolders = CodeFoldersOf(ContentHash.Value(poetry, "packages")) };
    }

    // An inline array of tables (packages = [{ include = ... }]) or [[tool.poetry.packages]]; a glob include is left out.
    private static string[] CodeFoldersOf(object? packages) =>
        packages is System.Collections.IEnumerable entries and not string
            ? entries.OfType<TomlTable>().Select(entry => (ContentHash.Value(entry, "include") as string, ContentHash.Value(entry, "from") as string))
                .Where(entry => entry.Item1 is { Length: > 0 } && entry.Item1.IndexOfAny(['*', '?', '[']) < 0)
                .Select(entry => entry.Item2 is { Length: > 0 } from ? $"{from.TrimEnd('/')}/{entry.Item1}" : entry.Item1!)
                .ToArray()
            : [];

    /// <summary>PEP 440's version pattern (as in packaging.version.VERSION_PATTERN), whole string, any case.</summary>
    [GeneratedRegex(@"^\s*v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?" +
        @"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?)(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pep440Pattern();
}
