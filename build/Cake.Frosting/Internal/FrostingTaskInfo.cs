using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Cake.Frosting.Internal;

/// <summary>
/// A task class's name, description, dependencies and overridden members: the attributes from the task classes the host
/// was given (<see cref="FrostingTaskClass"/>), read by reflection only for a class not among them.
/// </summary>
internal sealed class FrostingTaskInfo(IReadOnlyList<FrostingTaskClass> taskClasses)
{
    private readonly Dictionary<Type, FrostingTaskClass> _byType = taskClasses.ToDictionary(taskClass => taskClass.Type);

    /// <summary>The task classes the host runs, in the order it was given them (Cake registers the tasks in it).</summary>
    public IEnumerable<Type> TaskTypes => taskClasses.Select(taskClass => taskClass.Type);

    public string GetName(Type taskType) => Of(taskType).Attribute<TaskNameAttribute>()?.Name ?? taskType.Name;

    public string? GetDescription(Type taskType) => Of(taskType).Attribute<TaskDescriptionAttribute>()?.Description;

    public bool ContinuesOnError(Type taskType) => Of(taskType).Attribute<ContinueOnErrorAttribute>() is not null;

    public IEnumerable<Type> GetDependencies(Type taskType) => Of(taskType).Attributes.OfType<IsDependentOnAttribute>().Select(a => a.Task);

    public IEnumerable<Type> GetDependees(Type taskType) => Of(taskType).Attributes.OfType<IsDependeeOfAttribute>().Select(a => a.Task);

    /// <summary>Whether the task class overrides <paramref name="methodName"/>: as given, else read by reflection.</summary>
    public bool Overrides(Type taskType, string methodName) =>
        Of(taskType).Overridden is { } overridden ? overridden.Contains(methodName) : IsOverridden(taskType, methodName);

    private FrostingTaskClass Of(Type taskType) => _byType.TryGetValue(taskType, out var taskClass) ? taskClass : FrostingTaskClass.Reflected(taskType);

    public static bool IsTaskType(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IFrostingTask).IsAssignableFrom(type);

    /// <summary>Whether a subclass overrides <paramref name="methodName"/> of <see cref="FrostingTask{T}"/> or <see cref="AsyncFrostingTask{T}"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070",
        Justification = "Task types live in assemblies the native build roots whole (TrimmerRootAssembly in Build.csproj): " +
        "their constructors, methods and interfaces are all kept.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "Task types live in assemblies the native build roots whole (TrimmerRootAssembly in Build.csproj): " +
        "their constructors, methods and interfaces are all kept.")]
    public static bool IsOverridden(Type taskType, string methodName)
    {
        for (var type = taskType; type is not null && !IsFrostingBase(type); type = type.BaseType)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.Name == methodName && method.IsVirtual && method.GetBaseDefinition().DeclaringType is { } declaring && IsFrostingBase(declaring))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsFrostingBase(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(FrostingTask<>) || type.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>));

    /// <summary>The non-abstract task types of the given assemblies, and only of them.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026",
        Justification = "Task types live in assemblies the native build roots whole (TrimmerRootAssembly in Build.csproj): " +
        "their constructors, methods and interfaces are all kept.")]
    public static IReadOnlyList<Type> FindTaskTypes(IEnumerable<Assembly> assemblies) =>
        assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(IsTaskType).ToList();
}
