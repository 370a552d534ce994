using Cake.Core;

namespace Cake.Frosting;

/// <summary>
/// A synchronous task. Override <see cref="Run"/>; <see cref="ShouldRun"/>, <see cref="OnError"/> and
/// <see cref="Finally"/> are wired into the Cake engine only when overridden.
/// </summary>
/// <typeparam name="T">The context type.</typeparam>
public abstract class FrostingTask<T> : IFrostingTask
    where T : ICakeContext
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The context.</param>
    public virtual void Run(T context)
    {
    }

    /// <summary>Whether the task should run (default: always).</summary>
    /// <param name="context">The context.</param>
    /// <returns><see langword="true"/> to run the task.</returns>
    public virtual bool ShouldRun(T context) => true;

    /// <summary>Called when the task threw. Registered only when overridden, so that errors propagate otherwise.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">The context.</param>
    public virtual void OnError(Exception exception, T context)
    {
    }

    /// <summary>Called after the task, whether it succeeded or not.</summary>
    /// <param name="context">The context.</param>
    public virtual void Finally(T context)
    {
    }

    Task IFrostingTask.RunAsync(ICakeContext context)
    {
        Run(FrostingContextCast.To<T>(context, GetType()));
        return Task.CompletedTask;
    }

    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun(FrostingContextCast.To<T>(context, GetType()));

    void IFrostingTask.OnError(Exception exception, ICakeContext context) => OnError(exception, FrostingContextCast.To<T>(context, GetType()));

    void IFrostingTask.Finally(ICakeContext context) => Finally(FrostingContextCast.To<T>(context, GetType()));
}

/// <summary>A synchronous task that uses the plain <see cref="ICakeContext"/>.</summary>
public abstract class FrostingTask : FrostingTask<ICakeContext>
{
}
