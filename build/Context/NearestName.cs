namespace Build.Context;

/// <summary>The known name closest to a mistyped one (Levenshtein distance, case-insensitive), for "did you mean".</summary>
public static class NearestName
{
    /// <summary>The closest of <paramref name="names"/>, or null when none is within a third of its length (at least 2 edits).</summary>
    public static string? Of(string typed, IEnumerable<string> names) =>
        names.Select(name => (Name: name, Distance: Distance(typed.ToUpperInvariant(), name.ToUpperInvariant())))
            .Where(candidate => candidate.Distance <= Math.Max(2, candidate.Name.Length / 3))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();

    /// <summary>The number of single-character insertions, deletions and substitutions that turn one into the other.</summary>
    public static int Distance(string from, string to)
    {
        var previous = Enumerable.Range(0, to.Length + 1).ToArray();
        var current = new int[to.Length + 1];
        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(current[j - 1], previous[j]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[to.Length];
    }
}
