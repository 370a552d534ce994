namespace Cake.Frosting;

/// <summary>Gives a task a name other than its class name.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskNameAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="TaskNameAttribute"/> class.</summary>
    /// <param name="name">The task name.</param>
    public TaskNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the task name.</summary>
    public string Name { get; }
}
