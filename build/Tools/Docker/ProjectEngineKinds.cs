namespace Build.Tools.Docker;

/// <summary>The option values of <see cref="ProjectEngineKind"/>: the one place that spells them.</summary>
public static class ProjectEngineKinds
{
    public static readonly IReadOnlyDictionary<string, ProjectEngineKind> ByName = new Dictionary<string, ProjectEngineKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["debian13"] = ProjectEngineKind.Debian13,
        ["debian12"] = ProjectEngineKind.Debian12,
    };

    public static string ValidNames => string.Join(", ", ByName.Keys);

    public static string Name(ProjectEngineKind kind) => ByName.First(pair => pair.Value == kind).Key;
}
