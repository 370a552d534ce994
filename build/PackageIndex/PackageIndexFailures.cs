using System.Globalization;
using System.Text.RegularExpressions;

namespace Build.PackageIndex;

/// <summary>
/// Names why Poetry could not use the package index, from what it printed (in `poetry lock` on the host or
/// `poetry install` in a build): the index's URL and "not reachable", the source's name and the 401, or the missing
/// package. Never a credential: only the variable names are given.
/// </summary>
public static partial class PackageIndexFailures
{
    /// <summary>The reason in one sentence; null when the output shows no trouble with the index.</summary>
    public static string? Explain(IEnumerable<string> output, PackageIndexSource source)
    {
        var lines = output.ToList();
        bool Has(string text) => lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        if (AuthorizationSigns.Any(Has))
        {
            return $"the package index '{source.Name}' refused the credentials (HTTP 401 at {source.Url}): " +
                $"check {source.UsernameVariable} and {source.PasswordVariable}";
        }

        // Only a failure to reach the index itself: a build also fails to connect when a base image's registry is down.
        bool AboutIndex(string line) => line.Contains(source.Url.Host, StringComparison.OrdinalIgnoreCase)
            && line.Contains(source.Url.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        bool Unreachable(string line) => UnreachableSigns.Any(sign => line.Contains(sign, StringComparison.OrdinalIgnoreCase));
        if (lines.Any(line => Unreachable(line) && AboutIndex(line)))
        {
            return $"the package index '{source.Name}' at {source.Url} is not reachable";
        }

        foreach (var line in lines)
        {
            if (MissingVersion().Match(line) is { Success: true } missing)
            {
                return $"{missing.Groups["name"].Value} ({missing.Groups["constraint"].Value}) is not in the package index '{source.Name}' at {source.Url}";
            }

            if (NoCandidates().Match(line) is { Success: true } candidates)
            {
                return $"{candidates.Groups["package"].Value} could not be fetched from the package index '{source.Name}' at {source.Url} " +
                    $"(not reachable, credentials refused, or the file is gone): check that it answers and {source.UsernameVariable}/{source.PasswordVariable}";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a line is one of the signs <see cref="Explain"/> reads. Poetry prints them first and a traceback after,
    /// so a build keeps these lines apart from its tail.
    /// </summary>
    public static bool IsSign(string line) =>
        AuthorizationSigns.Concat(UnreachableSigns).Any(sign => line.Contains(sign, StringComparison.OrdinalIgnoreCase))
        || MissingVersion().IsMatch(line) || NoCandidates().IsMatch(line);

    private static readonly string[] AuthorizationSigns = ["Authorization error accessing", "401 Client Error", "HTTP Error 401"];

    private static readonly string[] UnreachableSigns =
    [
        "Connection refused", "Failed to establish a new connection", "Max retries exceeded", "Name or service not known",
        "Temporary failure in name resolution", "timed out",
    ];

    [GeneratedRegex(@"depends on (?<name>[A-Za-z0-9_.\-]+) \((?<constraint>[^)]*)\) which doesn't match any versions")]
    private static partial Regex MissingVersion();

    [GeneratedRegex(@"Unable to find installation candidates for (?<package>[A-Za-z0-9_.\-]+ \([^)]*\))")]
    private static partial Regex NoCandidates();
}
