namespace Build.Reporting;

/// <summary>The lock's state; <paramref name="Rules"/> the Poetry rules applied, <paramref name="Changes"/> what differs or changed.</summary>
public sealed record LockEntry(string State, string Detail, string? Rules = null, string? Writer = null, IReadOnlyList<string>? Changes = null);
