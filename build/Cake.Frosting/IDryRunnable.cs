using Cake.Core;

namespace Cake.Frosting;

/// <summary>
/// OUR EXTENSION, not part of stock Cake.Frosting. A task that implements it describes itself in a dry run
/// (<c>--dryrun</c>): the dry-run host calls <see cref="DryRun"/> in dependency order instead of the task's Run,
/// so the task can print the commands it would run. Tasks that do not implement it are only listed by name.
/// </summary>
/// <typeparam name="T">The context type (the same as the task's).</typeparam>
public interface IDryRunnable<in T>
    where T : ICakeContext
{
    /// <summary>Describes what the task would do, without doing it.</summary>
    /// <param name="context">The context.</param>
    void DryRun(T context);
}
