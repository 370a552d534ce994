namespace Build.TaskFacts;

/// <summary>
/// The task reads pyproject.toml's version (it names every image, and the lock check reads the project): when such a task
/// is planned, a bad version is bad input before the first task runs rather than a failure halfway.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReadsProjectVersionAttribute : Attribute;
