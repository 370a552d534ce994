using Build.Lock;
using Cake.Core.IO;

namespace Build.Reporting;

/// <summary>The lock's line in the report, and the file a lock failure points at.</summary>
public static class LockReporting
{
    /// <summary>fresh, stale, missing, noContentHash, unknownPoetry, or regenerated.</summary>
    public static string State(EnsureLockResult result) =>
        result.Regenerated ? "regenerated" : State((result.After ?? result.Before)?.State);

    /// <summary>The report's lock entry after EnsureLock ran: the rules applied and what the regeneration changed.</summary>
    public static LockEntry Entry(EnsureLockResult result)
    {
        var verdict = result.After ?? result.Before;
        var changes = Differences(verdict).ToList();
        if (result.Regenerated && result.Before?.ActualHash is { } before && result.After?.ActualHash is { } after && before != after)
        {
            changes.Insert(0, $"content-hash {Short(before)} → {Short(after)}");
        }

        return new LockEntry(State(result), result.Message, verdict?.Rules, verdict?.Writer, changes);
    }

    /// <summary>The report's lock entry from a verdict alone (a dry run judges, it does not regenerate).</summary>
    public static LockEntry Entry(LockVerdict verdict) =>
        new(State(verdict.State), verdict.Message, verdict.Rules, verdict.Writer, Differences(verdict).ToList());

    /// <summary>What a stale lock disagrees with pyproject.toml about.</summary>
    private static IEnumerable<string> Differences(LockVerdict? verdict)
    {
        if (verdict is null)
        {
            yield break;
        }

        if (!verdict.IsFresh && verdict.ExpectedHash is { } expected && verdict.ActualHash is { } actual && expected != actual)
        {
            yield return $"content-hash {Short(actual)} in the lock, {Short(expected)} from pyproject.toml";
        }

        foreach (var name in verdict.DeclaredButNotLocked)
        {
            yield return $"declared, not locked: {name}";
        }

        foreach (var name in verdict.LockedButNotDeclared)
        {
            yield return $"locked, not declared: {name}";
        }
    }

    private static string Short(string hash) => hash.Length <= 12 ? hash : hash[..12];

    public static string State(LockState? state) => state is { } known ? JsonNamingPolicyCamel(known.ToString()) : "unknown";

    /// <summary>
    /// A missing lock is pyproject.toml's problem (nothing to point at in a file that is not there); a stale lock
    /// points at poetry.lock's content-hash line, the line that disagrees with pyproject.toml.
    /// </summary>
    public static (string File, int? Line) Blame(DirectoryPath pythonProject, Func<string, string> relative, LockVerdict? verdict)
    {
        var lockPath = verdict?.LockPath ?? pythonProject.CombineWithFilePath("poetry.lock").FullPath;
        if (verdict is null || verdict.State == LockState.Missing || !File.Exists(lockPath))
        {
            return (relative(pythonProject.CombineWithFilePath("pyproject.toml").FullPath), null);
        }

        return (relative(lockPath), BuildFailures.LineOf(lockPath, "content-hash"));
    }

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
