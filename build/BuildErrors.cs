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
    /// <summary>Exit code of a bad option or input file.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when a program the build needs is not installed.</summary>
    public const int ToolMissing = 127;

    /// <summary>Exit code when the --docker client itself does not work (as opposed to no engine answering it).</summary>
    public const int DockerClientBroken = 11;

    /// <summary>Exit code when the registry cannot be reached at all (as opposed to refusing the login).</summary>
    public const int RegistryUnreachable = 10;

    /// <summary>Exit code of a run stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it.</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    public static CakeException BadOption(string message) => new(BadInput, message);

    public static CakeException ToolFailed(ToolCommand command, int exitCode, string? detail = null) =>
        new(exitCode is 0 or < 0 ? 1 : exitCode,
            $"{command.Program} failed (exit code {exitCode}): {command.Render()}{(string.IsNullOrWhiteSpace(detail) ? "" : Environment.NewLine + detail)}");

    public static CakeException ToolNotFound(string program, string reason) =>
        new(ToolMissing, $"{program} could not be started ({reason}). {ToolHints.HowToInstall(program)}");
}
