namespace Build.Lock;

/// <summary>What EnsureLock may do about a lock that is not fresh.</summary>
public enum EnsureLockMode
{
    /// <summary>Regenerate a missing or stale lock with Poetry (the default).</summary>
    Regenerate,

    /// <summary>Never write; a missing or stale lock fails the build (CI, <c>--locked</c>).</summary>
    Locked,
}

/// <summary>Settings for <see cref="LockRegenerator.Ensure"/>.</summary>
/// <param name="Mode">Regenerate (default) or Locked.</param>
/// <param name="Rules">Whose judgement of freshness to reproduce.</param>
/// <param name="WaitTimeout">How long to wait for another build that holds the regeneration lock.</param>
public sealed record EnsureLockOptions(
    EnsureLockMode Mode = EnsureLockMode.Regenerate,
    HashRules Rules = HashRules.OfWriter,
    TimeSpan? WaitTimeout = null)
{
    /// <summary>Default wait for another build: five minutes.</summary>
    public TimeSpan EffectiveWaitTimeout => WaitTimeout ?? TimeSpan.FromMinutes(5);
}

/// <summary>The outcome of <see cref="LockRegenerator.Ensure"/>.</summary>
/// <param name="Ok">True only when a fresh lock is in place at the end.</param>
/// <param name="Before">The verdict before anything was done.</param>
/// <param name="After">The verdict at the end (the same as <paramref name="Before"/> when nothing ran).</param>
/// <param name="Regenerated">Poetry produced a new lock that was kept.</param>
/// <param name="RestoredInterruptedBackup">A backup left by an interrupted earlier run was put back first.</param>
/// <param name="Message">One paragraph for the build log; on failure it says what changed and how to fix it.</param>
public sealed record EnsureLockResult(
    bool Ok,
    LockVerdict? Before,
    LockVerdict? After,
    bool Regenerated,
    bool RestoredInterruptedBackup,
    string Message);
