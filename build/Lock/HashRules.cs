namespace Build.Lock;

/// <summary>Which Poetry's judgement the build reproduces.</summary>
public enum HashRules
{
    /// <summary>The rules of the Poetry that wrote the lock (chosen from its header).</summary>
    OfWriter,

    /// <summary>The rules of Poetry 2.3+: the 2.3 rule, and the 2.0 rule for locks written before 2.3.</summary>
    OfCurrentPoetry,
}
