namespace Cake.Frosting;

/// <summary>The decorated task is made a dependency of the task <see cref="Task"/> (the reverse of <see cref="IsDependentOnAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependeeOfAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="IsDependeeOfAttribute"/> class.</summary>
    /// <param name="task">The type of the task that should depend on this task.</param>
    public IsDependeeOfAttribute(Type task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
    }

    /// <summary>Gets the type of the task that depends on this task.</summary>
    public Type Task { get; }
}
