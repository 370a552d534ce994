namespace Build.Lock;

/// <summary>The outcome of <see cref="LockInspector.Inspect(string, HashRules)"/>.</summary>
/// <param name="State">Fresh, stale, missing …</param>
/// <param name="LockPath">Absolute path of poetry.lock.</param>
/// <param name="Writer">Who wrote the lock, e.g. "Poetry 1.8.3"; null when missing.</param>
/// <param name="Family">The rules applied: the matching family when fresh, the first tried otherwise.</param>
/// <param name="ExpectedHash">The hash computed from pyproject.toml under <paramref name="Family"/>.</param>
/// <param name="ActualHash">The lock's content-hash.</param>
/// <param name="RelevantKeys">The hashed keys present in pyproject.toml (dotted, e.g. tool.poetry.group).</param>
/// <param name="DeclaredButNotLocked">Direct dependencies of the pyproject that the lock has no package for.</param>
/// <param name="LockedButNotDeclared">Locked packages neither declared nor required by another locked package.</param>
/// <param name="Message">One paragraph for the build log.</param>
public sealed record LockVerdict(
    LockState State,
    string LockPath,
    string? Writer,
    HashFamily? Family,
    string? ExpectedHash,
    string? ActualHash,
    IReadOnlyList<string> RelevantKeys,
    IReadOnlyList<string> DeclaredButNotLocked,
    IReadOnlyList<string> LockedButNotDeclared,
    string Message)
{
    /// <summary>True only for <see cref="LockState.Fresh"/>.</summary>
    public bool IsFresh => State == LockState.Fresh;

    /// <summary>"Poetry 1.2–1.8 rules", or null when no rule was applied.</summary>
    public string? Rules => Family is { } family ? ContentHash.Describe(family) : null;
}
