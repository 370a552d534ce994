using Cake.Core;

namespace Cake.Frosting;

/// <summary>Runs before each task.</summary>
public interface IFrostingTaskSetup
{
    /// <summary>Sets up a task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task setup information.</param>
    void Setup(ICakeContext context, ITaskSetupContext info);
}

/// <summary>Runs after each task.</summary>
public interface IFrostingTaskTeardown
{
    /// <summary>Tears down a task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task teardown information.</param>
    void Teardown(ICakeContext context, ITaskTeardownContext info);
}

/// <summary>Task setup and teardown.</summary>
public interface IFrostingTaskLifetime : IFrostingTaskSetup, IFrostingTaskTeardown
{
}
