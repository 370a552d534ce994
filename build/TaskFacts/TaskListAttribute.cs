namespace Build.TaskFacts;

/// <summary>
/// Marks the partial class whose <c>static partial Type[] TaskTypes()</c> the compiler writes: every task class of this
/// assembly (build/Generators/TaskListGenerator.cs), so that the host finds its tasks without enumerating its types.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskListAttribute : Attribute;
