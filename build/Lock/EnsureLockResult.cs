namespace Build.Lock;

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
