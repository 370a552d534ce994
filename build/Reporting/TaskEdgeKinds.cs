namespace Build.Reporting;

/// <summary>Kinds of <see cref="TaskEdge"/>.</summary>
public static class TaskEdgeKinds
{
    public const string Dependency = "dependency";
    public const string Dependee = "dependee";
}
