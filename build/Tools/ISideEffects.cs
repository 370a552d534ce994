namespace Build.Tools;

/// <summary>
/// The side effects of a run that are not command lines: a file written or removed, a wait on the engine after a
/// change, a task's own in-process work. A real run makes them (<see cref="SideEffects"/>); the dry run calls the
/// account instead, which says what the run would do (the dry run's PlannedSideEffects). The two are registered, never
/// chosen by a flag, so no task or helper asks whether this is a dry run.
/// </summary>
public interface ISideEffects
{
    /// <summary>Makes <paramref name="effect"/>; the dry run skips it without a word (a check that follows a change).</summary>
    void Make(Action effect) => Make(effect, () => { });

    /// <summary>Makes <paramref name="effect"/>; the dry run calls <paramref name="account"/> instead.</summary>
    void Make(Action effect, Action account);

    /// <summary>Makes <paramref name="effect"/> and hands back what it found; the dry run hands back what <paramref name="account"/> says.</summary>
    T Make<T>(Func<T> effect, Func<T> account);
}
