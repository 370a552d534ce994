using Cake.Core;

namespace Cake.Frosting;

internal static class FrostingContextCast
{
    public static T To<T>(ICakeContext context, Type owner)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context is T typed)
        {
            return typed;
        }

        throw new CakeException(
            $"{owner.Name} expects a context of type {typeof(T).Name}, but the build context is {context.GetType().Name}. " +
            $"Register it with host.UseContext<{typeof(T).Name}>().");
    }
}
