using Build.Tools;
using Cake.Core.Diagnostics;

namespace Build.DryRun;

/// <summary>
/// The dry run's command runner: a command that would change something is printed and counts as succeeded; a
/// read-only question (a version, an inspection) is still asked, through the real runner.
/// </summary>
public sealed class PrintingCommandRunner(CommandRunner questions) : ICommandRunner
{
    public ICakeLog Log => questions.Log;

    public void Show(ToolCommand command) => questions.Show(command);

    public void Run(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default) => Show(command);

    public int RunUnchecked(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default)
    {
        Show(command);
        return 0;
    }

    public CommandResult Capture(ToolCommand command, TimeSpan? timeout = null) => questions.Capture(command, timeout);

    public CommandResult CaptureChecked(ToolCommand command) => questions.CaptureChecked(command);
}
