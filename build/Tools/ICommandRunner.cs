using Cake.Core.Diagnostics;

namespace Build.Tools;

/// <summary>
/// Every external process of the build: a real run starts them (<see cref="CommandRunner"/>), the dry run prints the
/// ones that change something and still asks the read-only questions (the dry run's PrintingCommandRunner). Both take the same
/// <see cref="ToolCommand"/>, so what a dry run shows is what a real run executes.
/// </summary>
public interface ICommandRunner
{
    ICakeLog Log { get; }

    /// <summary>Prints a command without running it: program and arguments, working directory, environment.</summary>
    void Show(ToolCommand command);

    /// <summary>Runs a command, its output streamed live (or through <paramref name="outputLine"/>); a non-zero exit code fails the task.</summary>
    void Run(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="Run"/>, but hands the exit code back instead of failing.</summary>
    int RunUnchecked(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a read-only probe or query and captures its output, quietly (a dry run asks it too).</summary>
    CommandResult Capture(ToolCommand command, TimeSpan? timeout = null);

    /// <summary>As <see cref="Capture"/>, and fails with the tool's own error text when it exits non-zero.</summary>
    CommandResult CaptureChecked(ToolCommand command);
}
