using Cake.Core;

namespace Cake.Frosting;

/// <summary>Runs once before the first task.</summary>
public interface IFrostingSetup
{
    /// <summary>Sets up the build.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The setup information (target, tasks to run).</param>
    void Setup(ICakeContext context, ISetupContext info);
}

/// <summary>Runs once after the last task, whether the build succeeded or not.</summary>
public interface IFrostingTeardown
{
    /// <summary>Tears down the build.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The teardown information.</param>
    void Teardown(ICakeContext context, ITeardownContext info);
}

/// <summary>Build setup and teardown.</summary>
public interface IFrostingLifetime : IFrostingSetup, IFrostingTeardown
{
}
