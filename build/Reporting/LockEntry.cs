namespace Build.Reporting;

public sealed record LockEntry(string State, string Detail);
