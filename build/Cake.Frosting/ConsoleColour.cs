using System.Text.RegularExpressions;

namespace Cake.Frosting;

/// <summary>
/// Whether the build's output is coloured: only where it is read as colour. Not when NO_COLOR is set
/// (https://no-color.org), nor when standard output or standard error is not a terminal (a log file, a pipe: escape
/// codes there are noise); yes on GitHub Actions, whose log viewer renders them although its steps have no terminal.
/// Cake itself colours whenever TERM names a terminal type, redirected or not, so the host decides here instead.
/// </summary>
public static partial class ConsoleColour
{
    /// <summary>The answer for this process, asked once.</summary>
    public static bool ForThisProcess { get; } = Wanted(Environment.GetEnvironmentVariable, !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    /// <summary>The rule, for any environment: <paramref name="onTerminal"/> is whether both output streams are terminals.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="onTerminal">Whether standard output and standard error are both terminals.</param>
    /// <returns>Whether to colour.</returns>
    public static bool Wanted(Func<string, string?> environment, bool onTerminal)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("NO_COLOR") is { Length: > 0 })
        {
            return false;
        }

        return onTerminal || string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The text without its terminal escape sequences (colours, cursor moves) and their OSC/charset cousins.</summary>
    /// <param name="text">A line as a tool or the log wrote it.</param>
    /// <returns>The same line without escape sequences.</returns>
    public static string Strip(string text) => text.Contains('\u001b', StringComparison.Ordinal) ? Escape().Replace(text, "") : text;

    [GeneratedRegex(@"\x1B(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[()][0-9A-Za-z]|[@-Z\\-_])")]
    private static partial Regex Escape();
}
