namespace Build.Tools.Compose;

/// <summary>The compose files, project name and variables every compose command of one run shares.</summary>
public sealed record ComposeProject(IReadOnlyList<string> Files, string Name, IReadOnlyDictionary<string, string> Variables);
