using Build.Tools;
using Cake.Core;

namespace Build;

/// <summary>
/// The build's failures, each a <see cref="CakeException"/> (sealed in Cake 7) with its own exit code. Cake's
/// exception logger prints only the message below --verbosity=diagnostic, so each message is the whole story:
/// what was wrong, the bad value, the valid ones, and how to fix it.
/// </summary>
public static class BuildErrors
{
    /// <summary>A bad option value (exit code <see cref="ExitCodes.BadInput"/>).</summary>
    public static CakeException BadOption(string message) => new(ExitCodes.BadInput, message);

    /// <summary>An input file the build cannot use as it is: missing, unreadable, or without what it needs.</summary>
    public static CakeException BadInputFile(string message) => new(ExitCodes.BadInput, message);

    /// <summary>poetry.lock is missing, stale or broken and was not (or could not be) regenerated.</summary>
    public static CakeException LockNotFresh(string message) => new(ExitCodes.BadInput, message);

    /// <summary>The compose stack is not in the state a task asked for.</summary>
    public static CakeException StackNotAsAsked(string message) => new(ExitCodes.StackNotAsAsked, message);

    /// <summary>Longest command line a failure shows; the whole one is in the log ("$ …") above.</summary>
    public const int ShownCommandLength = 160;

    /// <summary>
    /// A failed command: what it printed that says why (<see cref="FailureCause"/>) first, then the command,
    /// shortened (the whole command was logged when it started).
    /// </summary>
    public static CakeException ToolFailed(ToolCommand command, int exitCode, IReadOnlyList<string>? cause = null)
    {
        var rendered = command.Render();
        var shown = rendered.Length <= ShownCommandLength ? rendered : rendered[..ShownCommandLength] + " … (whole command in the log above)";
        var lines = cause is { Count: > 0 } ? string.Join(Environment.NewLine, cause) + Environment.NewLine : "";
        return new(exitCode is 0 or < 0 ? ExitCodes.Failed : exitCode, $"{lines}{Path.GetFileName(command.Program)} failed (exit code {exitCode}): {shown}");
    }

    public static CakeException ToolNotFound(string program, string reason) =>
        new(ExitCodes.ToolMissing, $"{program} could not be started ({reason}). {ToolHints.HowToInstall(program)}");
}
