namespace Cake.Frosting;

/// <summary>An exception in the decorated task is logged and the build goes on.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContinueOnErrorAttribute : Attribute
{
}
