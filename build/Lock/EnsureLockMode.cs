namespace Build.Lock;

/// <summary>What EnsureLock may do about a lock that is not fresh.</summary>
public enum EnsureLockMode
{
    /// <summary>Regenerate a missing or stale lock with Poetry (the default).</summary>
    Regenerate,

    /// <summary>Never write; a missing or stale lock fails the build (CI, <c>--locked</c>).</summary>
    Locked,
}
