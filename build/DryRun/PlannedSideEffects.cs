using Build.Tools;

namespace Build.DryRun;

/// <summary>The dry run's side effects: none is made; each gives its account instead (the "would …" lines of the dry run).</summary>
public sealed class PlannedSideEffects : ISideEffects
{
    public void Make(Action effect, Action account) => account();

    public T Make<T>(Func<T> effect, Func<T> account) => account();
}
