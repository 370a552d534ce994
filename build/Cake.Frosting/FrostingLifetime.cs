using Cake.Core;

namespace Cake.Frosting;

/// <summary>Build setup and teardown; register with <see cref="CakeHostExtensions.UseLifetime{TLifetime}(CakeHost)"/>.</summary>
/// <typeparam name="TContext">The context type.</typeparam>
public abstract class FrostingLifetime<TContext> : IFrostingLifetime
    where TContext : ICakeContext
{
    /// <summary>Sets up the build.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The setup information.</param>
    public abstract void Setup(TContext context, ISetupContext info);

    /// <summary>Tears down the build.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The teardown information.</param>
    public abstract void Teardown(TContext context, ITeardownContext info);

    void IFrostingSetup.Setup(ICakeContext context, ISetupContext info) => Setup(FrostingContextCast.To<TContext>(context, GetType()), info);

    void IFrostingTeardown.Teardown(ICakeContext context, ITeardownContext info) => Teardown(FrostingContextCast.To<TContext>(context, GetType()), info);
}

/// <summary>Build setup and teardown for the plain <see cref="ICakeContext"/>.</summary>
public abstract class FrostingLifetime : FrostingLifetime<ICakeContext>
{
}
