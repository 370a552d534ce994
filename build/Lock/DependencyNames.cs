using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Build.Lock;

/// <summary>Direct dependency names of a pyproject and package names of a lock, PEP 503-normalized.</summary>
public static partial class DependencyNames
{
    /// <summary>PEP 503: lowercase, runs of <c>-_.</c> become one <c>-</c>.</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim(), "-").ToLowerInvariant();

    /// <summary>
    /// Names declared anywhere in the pyproject: [tool.poetry] dependencies, dev-dependencies and groups,
    /// [project] dependencies and optional-dependencies, [dependency-groups]. Excludes python and the project itself.
    /// </summary>
    public static IReadOnlySet<string> Declared(TomlTable pyproject)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var poetry = ContentHash.Table(ContentHash.Table(pyproject, "tool"), "poetry");
        var project = ContentHash.Table(pyproject, "project");
        AddKeys(names, ContentHash.Table(poetry, "dependencies"));
        AddKeys(names, ContentHash.Table(poetry, "dev-dependencies"));
        if (ContentHash.Table(poetry, "group") is { } groups)
        {
            foreach (var group in groups.Values.OfType<TomlTable>())
            {
                AddKeys(names, ContentHash.Table(group, "dependencies"));
            }
        }

        if (project is not null && project.TryGetValue("dependencies", out var dependencies))
        {
            AddRequirements(names, dependencies);
        }

        foreach (var extra in ContentHash.Table(project, "optional-dependencies")?.Values ?? [])
        {
            AddRequirements(names, extra);
        }

        foreach (var group in ContentHash.Table(pyproject, "dependency-groups")?.Values ?? [])
        {
            AddRequirements(names, group);
        }

        names.Remove("python");
        foreach (var self in new[] { ContentHash.Value(project, "name"), ContentHash.Value(poetry, "name") })
        {
            if (self is string selfName)
            {
                names.Remove(Normalize(selfName));
            }
        }

        return names;
    }

    /// <summary>Names of the lock's [[package]] entries, and the names those packages depend on.</summary>
    public static (IReadOnlySet<string> Locked, IReadOnlySet<string> Referenced) Locked(TomlTable lockFile)
    {
        var locked = new HashSet<string>(StringComparer.Ordinal);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var packages = lockFile.TryGetValue("package", out var value) ? value : null;
        IEnumerable<TomlTable> entries = packages switch
        {
            TomlTableArray array => array,
            TomlArray array => array.OfType<TomlTable>(),
            _ => [],
        };
        foreach (var package in entries)
        {
            if (package.TryGetValue("name", out var name) && name is string text)
            {
                locked.Add(Normalize(text));
            }

            AddKeys(referenced, ContentHash.Table(package, "dependencies"));
        }

        return (locked, referenced);
    }

    private static void AddKeys(HashSet<string> names, TomlTable? table)
    {
        foreach (var key in table?.Keys ?? [])
        {
            names.Add(Normalize(key));
        }
    }

    private static void AddRequirements(HashSet<string> names, object? requirements)
    {
        if (requirements is not TomlArray array)
        {
            return;
        }

        foreach (var requirement in array.OfType<string>())
        {
            var match = RequirementName().Match(requirement);
            if (match.Success)
            {
                names.Add(Normalize(match.Value));
            }
        }
    }

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")]
    private static partial Regex RequirementName();
}
