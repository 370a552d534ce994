using System.ComponentModel;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Frosting;

namespace Build.Tools;

/// <summary>
/// Runs <see cref="ToolCommand"/>s through Cake's <see cref="IProcessRunner"/>: the real run's
/// <see cref="ICommandRunner"/> (the dry run's PrintingCommandRunner prints instead). Every external process
/// of the build goes through here, so the tests record them all with a fake process runner.
/// </summary>
/// <param name="interruption">SIGINT/SIGTERM of the run: a running command is stopped and waited for, then the
/// interruption is thrown; no command starts after it. Null (tests): no signal handling.</param>
/// <param name="children">What every child gets on top of its command's own variables (the engine's DOCKER_HOST).</param>
/// <param name="engineGone">Asked when a command fails: the sentence that blames a vanished engine instead (see
/// <see cref="Docker.EngineWatch"/>), or null when the command's own failure stands. Null: never asked.</param>
public sealed class CommandRunner : ICommandRunner
{
    /// <summary>How many of a command's last lines are kept for its failure's cause (a BuildKit step block fits).</summary>
    public const int FailureTailLines = 400;

    private readonly ICakeContext cake;
    private readonly Interruption? interruption;
    private readonly ChildEnvironment children;
    private readonly Func<ToolCommand, string?>? engineGone;

    public CommandRunner(
        ICakeContext cake, Interruption? interruption = null, ChildEnvironment? children = null, Func<ToolCommand, string?>? engineGone = null)
    {
        this.cake = cake;
        this.interruption = interruption;
        this.children = children ?? new ChildEnvironment();
        this.engineGone = engineGone;
        interruption?.Token.Register(ChildProcesses.StopInBackground);
    }

    public ICakeLog Log => cake.Log;

    /// <summary>Prints what a command would do: program and arguments, working directory, environment.</summary>
    public void Show(ToolCommand command)
    {
        cake.Log.Information("  $ {0}", command.Render());
        cake.Log.Information("      in {0}", command.WorkingDirectory.FullPath);
    }

    /// <summary>
    /// Runs a command with its output streamed live (or through <paramref name="outputLine"/>), and fails the task
    /// on a non-zero exit code.
    /// </summary>
    public void Run(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default)
    {
        // The output is still shown line by line; the last lines are kept so that a failure can lead with its cause.
        var tail = new OutputTail(FailureTailLines);
        var exitCode = RunUnchecked(command, tail.Keep(outputLine ?? PrintLine), cancellationToken);
        if (exitCode != 0)
        {
            throw Failed(command, exitCode, FailureCause.From(tail.Lines));
        }
    }

    /// <summary>A tool's line as the log shows it: its own colours only where the log's are shown (ConsoleColour).</summary>
    private static void PrintLine(string line) => Console.WriteLine(ConsoleColour.ForThisProcess ? line : ConsoleColour.Strip(line));

    /// <summary>
    /// As <see cref="Run"/>, but hands the exit code back instead of failing. Cancelling
    /// <paramref name="cancellationToken"/> kills the process and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public int RunUnchecked(ToolCommand command, Action<string>? outputLine = null, CancellationToken cancellationToken = default)
    {
        cake.Log.Information("$ {0}", command.Render());
        var settings = Settings(command);
        if (outputLine is not null)
        {
            settings.RedirectStandardOutput = true;
            settings.RedirectStandardError = true;
            settings.RedirectedStandardOutputHandler = line => { if (line is not null) { outputLine(line); } return line!; };
            settings.RedirectedStandardErrorHandler = line => { if (line is not null) { outputLine(line); } return line!; };
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = Start(command, settings);
        // A parallel build whose partner failed is stopped by killing its process (an interrupted one: ChildProcesses).
        using (cancellationToken.Register(() => KillQuietly(process)))
        {
            process.WaitForExit();
        }

        ThrowIfInterrupted(command, process.GetExitCode());
        cancellationToken.ThrowIfCancellationRequested();
        if (outputLine is not null)
        {
            // Drain what the handlers queued, so the lines are not held in memory until the runner is collected.
            _ = process.GetStandardOutput().Count();
            _ = process.GetStandardError().Count();
        }

        return process.GetExitCode();
    }

    /// <summary>
    /// Runs a probe or query and captures its output, quietly. The dry run runs it too: callers use it only for
    /// read-only questions (versions, inspections), never for changes.
    /// </summary>
    public CommandResult Capture(ToolCommand command, TimeSpan? timeout = null)
    {
        cake.Log.Debug("$ {0}", command.Render());
        var settings = Settings(command);
        settings.RedirectStandardOutput = true;
        settings.RedirectStandardError = true;
        settings.Silent = true;
        using var process = Start(command, settings);
        if (timeout is { } limit && !process.WaitForExit((int)limit.TotalMilliseconds))
        {
            process.Kill();
            return new CommandResult(-1, [], [$"{command.Program} did not answer within {limit.TotalSeconds:0} s"]);
        }

        process.WaitForExit();

        ThrowIfInterrupted(command, process.GetExitCode());
        var output = process.GetStandardOutput().ToArray();
        var error = process.GetStandardError().ToArray();
        return new CommandResult(process.GetExitCode(), output, error);
    }

    /// <summary>As <see cref="Capture"/>, and fails with the tool's own error text when it exits non-zero.</summary>
    public CommandResult CaptureChecked(ToolCommand command)
    {
        var result = Capture(command);
        if (!result.Succeeded)
        {
            throw Failed(command, result.ExitCode, FailureCause.From(result.Output.Concat(result.Error)));
        }

        return result;
    }

    /// <summary>
    /// A failed command's error: the tool's own (<see cref="BuildErrors.ToolFailed"/>), led by the engine's going
    /// (exit code <see cref="ExitCodes.NoEngine"/>) when that is why it failed.
    /// </summary>
    private CakeException Failed(ToolCommand command, int exitCode, IReadOnlyList<string> cause)
    {
        var failed = BuildErrors.ToolFailed(command, exitCode, cause);
        return engineGone?.Invoke(command) is { } gone ? new CakeException(ExitCodes.NoEngine, gone + Environment.NewLine + failed.Message) : failed;
    }

    /// <summary>
    /// A child that failed may have died of the same signal that is still on its way to this host's handler (the
    /// terminal signals the whole group at once): a failed command waits a moment for it, so that an interrupted run
    /// is reported as interrupted, not as a failed tool.
    /// </summary>
    private void ThrowIfInterrupted(ToolCommand command, int exitCode)
    {
        if (interruption is null)
        {
            return;
        }

        if (exitCode != 0)
        {
            interruption.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
        }

        interruption.ThrowIfRequested(command.Summary);
    }

    private static void KillQuietly(IProcess process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    private ProcessSettings Settings(ToolCommand command)
    {
        var settings = new ProcessSettings
        {
            Arguments = command.Arguments,
            WorkingDirectory = command.WorkingDirectory,
            EnvironmentVariables = children.Of(command.Environment),
        };
        if (command.StandardInput is not null)
        {
            settings.StandardInput = command.StandardInput;
        }

        return settings;
    }

    private IProcess Start(ToolCommand command, ProcessSettings settings)
    {
        interruption?.ThrowIfRequested(null);
        try
        {
            return cake.ProcessRunner.Start(new FilePath(command.Program), settings)
                ?? throw new CakeException($"{command.Program} could not be started.");
        }
        catch (Win32Exception exception)
        {
            throw BuildErrors.ToolNotFound(command.Program, exception.Message);
        }
    }
}
