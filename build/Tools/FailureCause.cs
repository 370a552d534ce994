using System.Text.RegularExpressions;

namespace Build.Tools;

/// <summary>
/// The lines of a failed command's output that say why it failed, so the closing error leads with them instead of
/// the command line: the failing Dockerfile step and what it printed (legacy builder: the last <c>Step N/M</c>;
/// BuildKit: the <c>&gt; [stage n/m]</c> block and its closing error line), otherwise the last lines
/// (Poetry's and Compose's messages, <c>pull access denied</c>, <c>no such host</c>).
/// </summary>
public static partial class FailureCause
{
    public const int MaxLines = 12;
    private const int TailLines = 6;
    private const int MaxLineLength = 300;

    public static IReadOnlyList<string> From(IEnumerable<string> output)
    {
        var lines = output.Select(line => Ansi().Replace(line, "").TrimEnd()).Where(line => line.Trim().Length > 0).ToList();
        var picked = LegacyStep(lines) ?? BuildKitStep(lines) ?? lines.TakeLast(TailLines).ToList();
        return picked.TakeLast(MaxLines).Select(line => line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line).ToArray();
    }

    /// <summary>The legacy builder's last "Step N/M : …" and what came after it, without its " ---> " bookkeeping.</summary>
    private static List<string>? LegacyStep(List<string> lines)
    {
        var step = lines.FindLastIndex(line => LegacyStepLine().IsMatch(line));
        if (step < 0)
        {
            return null;
        }

        var after = lines.Skip(step + 1).Where(line =>
            !line.StartsWith(" ---> ", StringComparison.Ordinal) && !line.StartsWith("Removing intermediate", StringComparison.Ordinal));
        return [lines[step], .. after.TakeLast(MaxLines - 1)];
    }

    /// <summary>BuildKit's summary of the failed step (" > [builder 3/6] RUN …:" up to "------") and its closing error line.</summary>
    private static List<string>? BuildKitStep(List<string> lines)
    {
        var header = lines.FindLastIndex(line => line.StartsWith(" > [", StringComparison.Ordinal) || line.StartsWith("> [", StringComparison.Ordinal));
        if (header < 0)
        {
            var solve = lines.FindLastIndex(IsSolveError);
            return solve < 0 ? null : [lines[solve]];
        }

        var block = lines.Skip(header).TakeWhile((line, index) => index == 0 || line.Trim() != "------").Take(MaxLines - 1).ToList();
        var closing = lines.FindLastIndex(line => IsSolveError(line) || IsClientError(line));
        if (closing > header)
        {
            block.Add(lines[closing]);
        }

        return block;
    }

    /// <summary>
    /// The line that says how the build failed: "failed to solve: …" (buildx, newer engines) or dockerd 20.10's
    /// "executor failed running [/bin/sh -c …]: exit code: N".
    /// </summary>
    private static bool IsSolveError(string line) =>
        line.Contains("failed to solve", StringComparison.OrdinalIgnoreCase)
        || line.TrimStart().StartsWith("executor failed running", StringComparison.Ordinal);

    /// <summary>
    /// After a step's block, the client's own closing error: "ERROR: …"/"error: …", or what a docker 20.10 client
    /// prints alone when a newer engine could not load a base image's metadata ("IMAGE: failed to resolve source
    /// metadata for IMAGE: …"). Without a block these prefixes are left to the last lines (Compose v1 writes several).
    /// </summary>
    private static bool IsClientError(string line) =>
        line.StartsWith("ERROR: ", StringComparison.Ordinal) || line.StartsWith("error: ", StringComparison.Ordinal)
        || line.Contains("failed to resolve source metadata", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^Step \d+/\d+ : ")]
    private static partial Regex LegacyStepLine();

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
