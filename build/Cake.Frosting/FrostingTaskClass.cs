namespace Cake.Frosting;

/// <summary>
/// A task class and the attributes that describe it (<see cref="TaskNameAttribute"/>, <see cref="IsDependentOnAttribute"/>
/// and the rest), as <c>GetCustomAttributes(inherit: true)</c> gives them. A host that has them already, written by a
/// source generator, hands them over (<see cref="CakeHost.UseTaskClasses"/>): reading them by reflection in a native
/// host resolves every type an attribute names from metadata, the largest part of its start-up. <see cref="Reflected"/>
/// reads them as stock Frosting does.
/// </summary>
/// <param name="Type">The task class.</param>
/// <param name="Attributes">Its attributes and the inherited ones of its base classes, in declaration order.</param>
/// <param name="Overridden">
/// Which of <see cref="Members"/> the class or a base below Frosting's overrides (only those are wired into Cake's
/// engine); null: read by reflection when asked.
/// </param>
/// <param name="Create">
/// Makes the task from the services, as the container would (written by a compiler: a native host's container finds a
/// constructor and its parameters by reflection, from metadata); null: the container finds the constructor.
/// </param>
public sealed record FrostingTaskClass(
    Type Type, IReadOnlyList<Attribute> Attributes, IReadOnlyList<string>? Overridden = null, Func<IServiceProvider, object>? Create = null)
{
    /// <summary>The members of a Frosting task that Cake's engine runs when a task class overrides them.</summary>
    public static readonly IReadOnlyList<string> Members = ["ShouldRun", "Run", "RunAsync", "OnError", "Finally"];

    /// <summary>The task class with its attributes read by reflection.</summary>
    public static FrostingTaskClass Reflected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new FrostingTaskClass(type, [.. type.GetCustomAttributes(inherit: true).Cast<Attribute>()]);
    }

    /// <summary>The first attribute of type <typeparamref name="T"/>, or null.</summary>
    public T? Attribute<T>()
        where T : Attribute => Attributes.OfType<T>().FirstOrDefault();
}
