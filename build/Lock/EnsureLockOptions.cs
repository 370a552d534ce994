namespace Build.Lock;

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
