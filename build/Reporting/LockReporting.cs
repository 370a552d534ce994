using Build.Lock;

namespace Build.Reporting;

/// <summary>The lock's line in the report, and the file a lock failure points at.</summary>
public static class LockReporting
{
    /// <summary>fresh, stale, missing, noContentHash, unknownPoetry, or regenerated.</summary>
    public static string State(EnsureLockResult result) =>
        result.Regenerated ? "regenerated" : State((result.After ?? result.Before)?.State);

    public static string State(LockState? state) => state is { } known ? JsonNamingPolicyCamel(known.ToString()) : "unknown";

    /// <summary>
    /// A missing lock is pyproject.toml's problem (nothing to point at in a file that is not there); a stale lock
    /// points at poetry.lock's content-hash line, the line that disagrees with pyproject.toml.
    /// </summary>
    public static (string File, int? Line) Blame(BuildContext context, LockVerdict? verdict)
    {
        var lockPath = verdict?.LockPath ?? context.Options.PythonProject.CombineWithFilePath("poetry.lock").FullPath;
        if (verdict is null || verdict.State == LockState.Missing || !File.Exists(lockPath))
        {
            return (context.Relative(context.Options.PythonProject.CombineWithFilePath("pyproject.toml").FullPath), null);
        }

        return (context.Relative(lockPath), BuildFailures.LineOf(lockPath, "content-hash"));
    }

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
