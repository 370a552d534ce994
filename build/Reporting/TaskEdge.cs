namespace Build.Reporting;

/// <summary>
/// An edge of the task graph of this run: <paramref name="From"/> runs before <paramref name="To"/>. Kind
/// <c>dependency</c> comes from <c>[IsDependentOn]</c> on To, <c>dependee</c> from <c>[IsDependeeOf]</c> on From.
/// </summary>
public sealed record TaskEdge(string From, string To, string Kind);
