using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Cake.Frosting.Internal;

/// <summary>Reads a task type's name, description, dependencies and overridden members.</summary>
internal static class FrostingTaskInfo
{
    public static string GetName(Type taskType) =>
        taskType.GetCustomAttribute<TaskNameAttribute>()?.Name ?? taskType.Name;

    public static string? GetDescription(Type taskType) =>
        taskType.GetCustomAttribute<TaskDescriptionAttribute>()?.Description;

    public static bool ContinuesOnError(Type taskType) =>
        taskType.GetCustomAttribute<ContinueOnErrorAttribute>() is not null;

    public static IEnumerable<Type> GetDependencies(Type taskType) =>
        taskType.GetCustomAttributes<IsDependentOnAttribute>().Select(a => a.Task);

    public static IEnumerable<Type> GetDependees(Type taskType) =>
        taskType.GetCustomAttributes<IsDependeeOfAttribute>().Select(a => a.Task);

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
