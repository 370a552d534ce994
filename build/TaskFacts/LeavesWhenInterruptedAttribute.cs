namespace Build.TaskFacts;

/// <summary>
/// What the task leaves when a signal stops it, one sentence for the closing line (the promise of docs/reliability.md).
/// A task without it changes nothing that an interruption could leave half done.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class LeavesWhenInterruptedAttribute(string state) : Attribute
{
    public string State { get; } = state;
}
