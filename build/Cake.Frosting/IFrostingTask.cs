using Cake.Core;

namespace Cake.Frosting;

/// <summary>A Frosting task. Derive from <see cref="FrostingTask{TContext}"/> or <see cref="AsyncFrostingTask{TContext}"/>.</summary>
public interface IFrostingTask
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The running task.</returns>
    Task RunAsync(ICakeContext context);

    /// <summary>Whether the task should run.</summary>
    /// <param name="context">The context.</param>
    /// <returns><see langword="true"/> to run the task.</returns>
    bool ShouldRun(ICakeContext context);

    /// <summary>Called when the task threw.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">The context.</param>
    void OnError(Exception exception, ICakeContext context);

    /// <summary>Called after the task, whether it succeeded or not.</summary>
    /// <param name="context">The context.</param>
    void Finally(ICakeContext context);
}
