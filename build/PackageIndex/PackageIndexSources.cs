using Build.Lock;
using Tomlyn.Model;

namespace Build.PackageIndex;

/// <summary>Reads the package index a project resolves from out of its pyproject.toml.</summary>
public static class PackageIndexSources
{
    /// <summary>
    /// The source Poetry installs from: the one marked default (Poetry 1) or priority "primary"/"default" (Poetry 1.5+),
    /// else the first; null when the project names none (then it uses PyPI and needs no credentials).
    /// </summary>
    public static PackageIndexSource? Read(TomlTable pyproject)
    {
        if (!pyproject.TryGetValue("tool", out var tool) || tool is not TomlTable toolTable
            || !toolTable.TryGetValue("poetry", out var poetry) || poetry is not TomlTable poetryTable
            || !poetryTable.TryGetValue("source", out var source) || source is not TomlTableArray sources)
        {
            return null;
        }

        var candidates = sources.Where(table => table.TryGetValue("name", out var name) && name is string
            && table.TryGetValue("url", out var url) && url is string && Uri.IsWellFormedUriString((string)url, UriKind.Absolute)).ToList();
        var chosen = candidates.FirstOrDefault(IsPrimary) ?? candidates.FirstOrDefault();
        return chosen is null ? null : new PackageIndexSource((string)chosen["name"], new Uri((string)chosen["url"]));
    }

    /// <summary>pyproject.toml in <paramref name="projectDirectory"/>; null when it is missing or names no source.</summary>
    public static PackageIndexSource? ReadProject(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, "pyproject.toml");
        return File.Exists(path) ? Read(TomlFile.Load(path)) : null;
    }

    /// <summary><see cref="ReadProject"/>, or null for a pyproject.toml that does not parse: EnsureLock names that error itself.</summary>
    public static PackageIndexSource? ReadProjectOrNone(string projectDirectory)
    {
        try
        {
            return ReadProject(projectDirectory);
        }
        catch (LockFileException)
        {
            return null;
        }
    }

    private static bool IsPrimary(TomlTable table) =>
        (table.TryGetValue("default", out var isDefault) && isDefault is true)
        || (table.TryGetValue("priority", out var priority) && priority is "primary" or "default");
}
