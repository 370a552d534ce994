namespace Build.Reporting;

/// <summary>
/// An edge of the task graph of this run: <paramref name="From"/> runs before <paramref name="To"/>. Kind
/// <c>dependency</c> comes from <c>[IsDependentOn]</c> on To, <c>dependee</c> from <c>[IsDependeeOf]</c> on From.
/// </summary>
public sealed record TaskEdge(string From, string To, string Kind);

/// <summary>Kinds of <see cref="TaskEdge"/>.</summary>
public static class TaskEdgeKinds
{
    public const string Dependency = "dependency";
    public const string Dependee = "dependee";
}
