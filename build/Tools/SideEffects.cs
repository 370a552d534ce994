namespace Build.Tools;

/// <summary>A real run's side effects: each is made, and no account is given.</summary>
public sealed class SideEffects : ISideEffects
{
    public void Make(Action effect, Action account) => effect();

    public T Make<T>(Func<T> effect, Func<T> account) => effect();
}
