using Build.Stack;

namespace Build.Reporting;

public sealed record ComposeEntry(IReadOnlyList<ServiceHealth> Services);
