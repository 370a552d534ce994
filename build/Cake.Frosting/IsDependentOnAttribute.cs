namespace Cake.Frosting;

/// <summary>The decorated task runs after (and requires) the task <see cref="Task"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="IsDependentOnAttribute"/> class.</summary>
    /// <param name="task">The type of the task this task depends on.</param>
    public IsDependentOnAttribute(Type task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
    }

    /// <summary>Gets the type of the task this task depends on.</summary>
    public Type Task { get; }
}
