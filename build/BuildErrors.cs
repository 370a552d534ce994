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

    public static CakeException ToolFailed(ToolCommand command, int exitCode, string? detail = null) =>
        new(exitCode is 0 or < 0 ? ExitCodes.Failed : exitCode,
            $"{command.Program} failed (exit code {exitCode}): {command.Render()}{(string.IsNullOrWhiteSpace(detail) ? "" : Environment.NewLine + detail)}");

    public static CakeException ToolNotFound(string program, string reason) =>
        new(ExitCodes.ToolMissing, $"{program} could not be started ({reason}). {ToolHints.HowToInstall(program)}");
}
