using System.Text.RegularExpressions;

namespace Build.Images;

/// <summary>
/// What a failed <c>docker build</c> said: its last lines (the tool's message for the report) and the Dockerfile line
/// they blame. BuildKit and the legacy builder word it differently; each form is one pattern here.
/// </summary>
public static partial class DockerBuildOutput
{
    /// <summary>How many of the last output lines a failure keeps: enough for BuildKit's error block.</summary>
    public const int TailLines = 12;

    /// <summary>
    /// The 1-based Dockerfile line a failed build names: a parse error's line, BuildKit's <c>Dockerfile:12</c> excerpt,
    /// or else the line of the failed <c>RUN</c> command found in the Dockerfile's text. Null when nothing says.
    /// </summary>
    public static int? BlamedLine(IReadOnlyList<string> output, IReadOnlyList<string> dockerfileLines)
    {
        foreach (var line in output)
        {
            if (NamedLine().Match(line) is { Success: true } named && int.TryParse(named.Groups["line"].Value, out var number))
            {
                return number;
            }
        }

        foreach (var line in output)
        {
            if (FailedCommand().Match(line) is { Success: true } failed)
            {
                // A long RUN spans lines; its start is what the Dockerfile's text shows on one line.
                var command = failed.Groups["command"].Value.Trim();
                var probe = command.Length > 40 ? command[..40] : command;
                for (var index = 0; index < dockerfileLines.Count; index++)
                {
                    if (dockerfileLines[index].TrimStart().StartsWith("RUN", StringComparison.OrdinalIgnoreCase)
                        && dockerfileLines[index].Contains(probe, StringComparison.Ordinal))
                    {
                        return index + 1;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The last lines of the output that say something: colour codes (the legacy builder paints RUN's stderr) and blank lines dropped.</summary>
    public static string Message(IEnumerable<string> tail) =>
        string.Join(Environment.NewLine, tail.Select(line => AnsiEscape().Replace(line, "").TrimEnd()).Where(line => line.Trim().Length > 0));

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    // "dockerfile parse error line 3", "parse error on line 3", BuildKit's excerpt header "Dockerfile:12".
    [GeneratedRegex(@"(?:parse error (?:on )?line |Dockerfile(?:\.[\w.-]+)?:)(?<line>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedLine();

    // BuildKit: "executor failed running [/bin/sh -c false]"; "process "/bin/sh -c false" did not complete";
    // legacy: "The command '/bin/sh -c false' returned a non-zero code: 1".
    [GeneratedRegex(@"(?:executor failed running \[/bin/sh -c (?<command>.+?)\]|process ""/bin/sh -c (?<command>.+?)"" did not complete" +
        @"|The command '/bin/sh -c (?<command>.+?)' returned)")]
    private static partial Regex FailedCommand();
}
