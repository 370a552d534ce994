using Build.DryRun;
using Build.Tools;
using Cake.Core;

namespace Build.Tests.Support;

/// <summary>The side-effect services of a real run or of the dry run, as the host registers them, for tests of one helper.</summary>
public static class RunServices
{
    /// <summary>A real run's runner, or the dry run's, which prints what it would run (both over <paramref name="cake"/>'s process runner).</summary>
    public static ICommandRunner Runner(ICakeContext cake, bool dryRun) =>
        dryRun ? new PrintingCommandRunner(new CommandRunner(cake)) : new CommandRunner(cake);

    /// <summary>A real run's side effects, or the dry run's, which say what they would do.</summary>
    public static ISideEffects Effects(bool dryRun) => dryRun ? new PlannedSideEffects() : new SideEffects();
}
