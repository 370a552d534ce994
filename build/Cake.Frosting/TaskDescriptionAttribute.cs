namespace Cake.Frosting;

/// <summary>Describes a task (shown by <c>--description</c> and in the help of the build).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskDescriptionAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="TaskDescriptionAttribute"/> class.</summary>
    /// <param name="description">The task description.</param>
    public TaskDescriptionAttribute(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Description = description;
    }

    /// <summary>Gets the task description.</summary>
    public string Description { get; }
}
