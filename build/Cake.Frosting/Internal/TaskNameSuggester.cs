namespace Cake.Frosting.Internal;

/// <summary>Finds the registered task name closest to a mistyped target (Levenshtein distance, case-insensitive).</summary>
internal static class TaskNameSuggester
{
    public static string? Closest(string target, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: Distance(target.ToUpperInvariant(), n.ToUpperInvariant())))
            .Where(x => x.Distance <= Math.Max(3, x.Name.Length / 2))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Name)
            .FirstOrDefault();

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string? UnknownTargetMessage(IReadOnlyList<string> targets, IReadOnlyList<string> taskNames)
    {
        var unknown = targets.Where(t => !taskNames.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        var first = unknown[0];
        var suggestion = Closest(first, taskNames);
        var what = unknown.Count == 1 ? $"Unknown target '{first}'." : $"Unknown targets {string.Join(", ", unknown.Select(t => $"'{t}'"))}.";
        var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
        var valid = taskNames.Count == 0
            ? "No tasks are registered."
            : $"Valid targets: {string.Join(", ", taskNames.Order(StringComparer.OrdinalIgnoreCase))}.";
        return $"{what}{hint} {valid}";
    }
}
