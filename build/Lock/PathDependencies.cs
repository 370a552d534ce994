using Tomlyn.Model;

namespace Build.Lock;

/// <summary>
/// The folders a project's path dependencies live in, which Poetry reads to lock: [tool.poetry] dependencies,
/// dev-dependencies and groups with <c>path = "…"</c>, and PEP 621 / PEP 735 requirements <c>name @ file:///…</c>.
/// A Poetry that runs in a container must see them at the same paths, also those outside the project folder (a
/// monorepo's <c>../libs/x</c>).
/// </summary>
public static class PathDependencies
{
    /// <summary>The absolute folders of <paramref name="pyproject"/>'s path dependencies (a file's folder for a wheel or sdist).</summary>
    public static IReadOnlyList<string> Folders(TomlTable pyproject, string projectDirectory)
    {
        var paths = new List<string>();
        var poetry = ContentHash.Table(ContentHash.Table(pyproject, "tool"), "poetry");
        var tables = new List<TomlTable?> { ContentHash.Table(poetry, "dependencies"), ContentHash.Table(poetry, "dev-dependencies") };
        if (ContentHash.Table(poetry, "group") is { } groups)
        {
            tables.AddRange(groups.Values.OfType<TomlTable>().Select(group => ContentHash.Table(group, "dependencies")));
        }

        foreach (var value in tables.OfType<TomlTable>().SelectMany(table => table.Values))
        {
            // One constraint, or several for different markers.
            IEnumerable<TomlTable> constraints = value switch
            {
                TomlTable table => [table],
                TomlTableArray array => array,
                TomlArray array => array.OfType<TomlTable>(),
                _ => [],
            };
            paths.AddRange(constraints.Select(constraint => ContentHash.Value(constraint, "path")).OfType<string>());
        }

        var requirements = new List<object?>();
        if (ContentHash.Table(pyproject, "project") is { } project)
        {
            requirements.AddRange(ContentHash.Value(project, "dependencies") as TomlArray ?? []);
            foreach (var extra in (ContentHash.Table(project, "optional-dependencies")?.Values ?? []).OfType<TomlArray>())
            {
                requirements.AddRange(extra);
            }
        }

        foreach (var group in (ContentHash.Table(pyproject, "dependency-groups")?.Values ?? []).OfType<TomlArray>())
        {
            requirements.AddRange(group);
        }

        paths.AddRange(requirements.OfType<string>().Select(FileUrlPath).OfType<string>());
        return paths
            .Select(path => Path.GetFullPath(path, projectDirectory))
            .Select(path => File.Exists(path) ? Path.GetDirectoryName(path)! : path)
            .Select(path => Path.TrimEndingDirectorySeparator(path))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// The folders to mount so that the project and every path dependency are seen at their own paths: their common
    /// ancestor when it is below the file system's root, else each of them (the root itself is never mounted).
    /// </summary>
    public static IReadOnlyList<string> Mounts(string projectDirectory, IReadOnlyList<string> dependencyFolders)
    {
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectDirectory));
        var all = new[] { project }.Concat(dependencyFolders.Select(Path.GetFullPath).Select(Path.TrimEndingDirectorySeparator)).ToArray();
        var ancestor = all.Aggregate(CommonAncestor);
        if (Path.GetPathRoot(ancestor) != ancestor)
        {
            return [ancestor];
        }

        // Nothing in common below the root: each folder alone, dropping those inside another.
        return all.Distinct(StringComparer.Ordinal)
            .Where(folder => !all.Any(other => other != folder && IsInside(folder, other)))
            .ToArray();
    }

    private static string CommonAncestor(string left, string right)
    {
        var candidate = left;
        while (!IsInside(right, candidate) && right != candidate)
        {
            candidate = Path.GetDirectoryName(candidate) ?? Path.GetPathRoot(candidate)!;
            if (Path.GetPathRoot(candidate) == candidate)
            {
                return candidate;
            }
        }

        return candidate;
    }

    private static bool IsInside(string folder, string ancestor) =>
        folder.StartsWith(Path.EndsInDirectorySeparator(ancestor) ? ancestor : ancestor + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>"x @ file:///srv/libs/x" → "/srv/libs/x"; null for any other requirement.</summary>
    private static string? FileUrlPath(string requirement)
    {
        var at = requirement.IndexOf(" @ ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var url = requirement[(at + 3)..].Split(';')[0].Trim();
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null;
    }
}
