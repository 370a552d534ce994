using Cake.Core;

namespace Cake.Frosting;

/// <summary>OUR EXTENSIONS to <see cref="ICakeContext"/>, not part of stock Cake.Frosting.</summary>
public static class FrostingContextExtensions
{
    private static readonly AsyncLocal<SkipReasonSlot?> CurrentSlot = new();

    /// <summary>
    /// Returns <paramref name="condition"/>; when it is <see langword="false"/> inside a task's ShouldRun,
    /// <paramref name="reason"/> becomes the "Skip Reason" of the task in the report and the log.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="condition">Whether the task should run.</param>
    /// <param name="reason">Why the task is skipped when <paramref name="condition"/> is false.</param>
    /// <returns><paramref name="condition"/>.</returns>
    public static bool ShouldRun(this ICakeContext context, bool condition, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!condition && CurrentSlot.Value is { } slot)
        {
            slot.Reason = reason;
        }

        return condition;
    }

    /// <summary>Why <paramref name="task"/> was skipped in this run (its ShouldRun's reason), or null when it was not.</summary>
    /// <param name="context">The context.</param>
    /// <param name="task">The task's name.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? SkipReason(this ICakeContext context, string task)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return context.Data.Get<Internal.SkipReasons>().Get(task);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static bool EvaluateWithReason(Func<bool> predicate, out string? reason)
    {
        var previous = CurrentSlot.Value;
        var slot = new SkipReasonSlot();
        CurrentSlot.Value = slot;
        try
        {
            var result = predicate();
            reason = result ? null : slot.Reason;
            return result;
        }
        finally
        {
            CurrentSlot.Value = previous;
        }
    }

    private sealed class SkipReasonSlot
    {
        public string? Reason { get; set; }
    }
}
