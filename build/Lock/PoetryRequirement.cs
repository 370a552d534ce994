using Tomlyn.Model;

namespace Build.Lock;

/// <summary>
/// Which Poetry a project calls for, read from what it holds: <c>requires-poetry</c> in [tool.poetry], a PEP 621
/// [project] table (Poetry reads one from 2.0; 1.x demands [tool.poetry] name, description and authors and fails),
/// and, when neither says, the major version in the lock's header (a lock stays in the format of the Poetry the
/// project uses). Null from <see cref="Of"/>: the project says nothing, any Poetry will do.
/// </summary>
/// <param name="Constraints">Every constraint a Poetry must meet, each with where it comes from.</param>
public sealed record PoetryRequirement(IReadOnlyList<(PoetryConstraint Constraint, string Source)> Constraints)
{
    /// <summary>Whether <paramref name="version"/> meets every constraint.</summary>
    public bool IsMetBy(Version version) => Constraints.All(pair => pair.Constraint.IsMetBy(version));

    /// <summary>"Poetry >=2.0 (pyproject.toml's [project] table, which Poetry reads from 2.0)".</summary>
    public string Describe() => "Poetry " + string.Join(" and ", Constraints.Select(pair => $"{pair.Constraint.Text} ({pair.Source})"));

    /// <summary>The requirement of a parsed pyproject.toml and its lock's header (null when there is no lock).</summary>
    public static PoetryRequirement? Of(TomlTable pyproject, LockHeader? header)
    {
        var constraints = new List<(PoetryConstraint, string)>();
        if (ContentHash.Table(ContentHash.Table(pyproject, "tool"), "poetry") is { } poetry
            && ContentHash.Value(poetry, "requires-poetry") is string requires && requires.Trim().Length > 0)
        {
            constraints.Add((new PoetryConstraint(requires.Trim()), "[tool.poetry] requires-poetry"));
        }

        if (ContentHash.Table(pyproject, "project") is { } project && project.ContainsKey("name"))
        {
            constraints.Add((new PoetryConstraint(">=2.0"), "a PEP 621 [project] table, which Poetry reads from 2.0"));
        }

        if (constraints.Count == 0 && header is { HasHeader: true })
        {
            // An unversioned header is Poetry 1.3's.
            var major = header.WriterVersion?.Major ?? 1;
            constraints.Add((new PoetryConstraint($"=={major}.*"), $"poetry.lock was written by {header.Writer}"));
        }

        return constraints.Count == 0 ? null : new PoetryRequirement(constraints);
    }

    /// <summary>The requirement of the project in <paramref name="projectDirectory"/>.</summary>
    /// <exception cref="LockFileException">pyproject.toml or poetry.lock does not parse.</exception>
    public static PoetryRequirement? OfProject(string projectDirectory)
    {
        var pyproject = TomlFile.Load(Path.Combine(projectDirectory, LockInspector.PyprojectFileName));
        var lockPath = Path.Combine(projectDirectory, LockInspector.LockFileName);
        LockHeader? header = null;
        if (File.Exists(lockPath) && TomlFile.ReadText(lockPath) is { Length: > 0 } lockText && lockText.Trim().Length > 0)
        {
            var metadata = ContentHash.Table(TomlFile.Parse(lockText, lockPath), "metadata");
            header = LockHeader.Parse(lockText, ContentHash.Value(metadata, "lock-version")?.ToString());
        }

        return Of(pyproject, header);
    }
}
