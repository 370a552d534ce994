namespace Build.Lock;

/// <summary>The state of poetry.lock against pyproject.toml.</summary>
public enum LockState
{
    /// <summary>The lock's content-hash matches the pyproject under the applied rules.</summary>
    Fresh,

    /// <summary>The content-hash differs.</summary>
    Stale,

    /// <summary>There is no poetry.lock.</summary>
    Missing,

    /// <summary>The lock has no [metadata].content-hash: Poetry treats it as not fresh.</summary>
    NoContentHash,

    /// <summary>Written by a Poetry newer than these rules; ask that Poetry (<c>poetry check --lock</c>).</summary>
    UnknownPoetry,
}
