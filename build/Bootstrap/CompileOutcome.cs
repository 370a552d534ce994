namespace Build.Bootstrap;

/// <summary>How a request for the native host of some sources ended.</summary>
public enum CompileOutcome
{
    /// <summary>Compiled now and installed in the cache.</summary>
    Compiled,

    /// <summary>The cache had it already (another clone, or an earlier compile).</summary>
    AlreadyThere,

    /// <summary>Another compile holds the machine's compile lock (background: nothing is started).</summary>
    AnotherCompileRuns,

    /// <summary>It failed (or failed before for the same sources, or there is no C linker); the reason is in the cache's failure file.</summary>
    Failed,

    /// <summary>Given up: the clone it was started for is gone, or its build/ changed before the copy was taken.</summary>
    Abandoned,
}
