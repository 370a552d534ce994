using Cake.Core;

namespace Build.Tools;

/// <summary>A tool exited non-zero. The message names the command (secrets redacted) and the exit code.</summary>
public sealed class ToolFailedException(ToolCommand command, int exitCode, string? detail = null)
    : CakeException(exitCode == 0 ? 1 : exitCode, $"{command.Program} failed (exit code {exitCode}): {command.Render()}{(detail is null ? "" : Environment.NewLine + detail)}")
{
    public ToolCommand Command { get; } = command;

    public int ToolExitCode { get; } = exitCode;
}
