using Cake.Core;

namespace Cake.Frosting;

/// <summary>Per-task setup and teardown; register with <see cref="CakeHostExtensions.UseTaskLifetime{TLifetime}(CakeHost)"/>.</summary>
/// <typeparam name="TContext">The context type.</typeparam>
public abstract class FrostingTaskLifetime<TContext> : IFrostingTaskLifetime
    where TContext : ICakeContext
{
    /// <summary>Sets up a task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task setup information.</param>
    public abstract void Setup(TContext context, ITaskSetupContext info);

    /// <summary>Tears down a task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task teardown information.</param>
    public abstract void Teardown(TContext context, ITaskTeardownContext info);

    void IFrostingTaskSetup.Setup(ICakeContext context, ITaskSetupContext info) => Setup(FrostingContextCast.To<TContext>(context, GetType()), info);

    void IFrostingTaskTeardown.Teardown(ICakeContext context, ITaskTeardownContext info) =>
        Teardown(FrostingContextCast.To<TContext>(context, GetType()), info);
}

/// <summary>Per-task setup and teardown for the plain <see cref="ICakeContext"/>.</summary>
public abstract class FrostingTaskLifetime : FrostingTaskLifetime<ICakeContext>
{
}
