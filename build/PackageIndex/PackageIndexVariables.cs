namespace Build.PackageIndex;

/// <summary>The KEY=VALUE lines scripts/package-index.sh up prints (INDEX_URL, Poetry's credential variables).</summary>
public static class PackageIndexVariables
{
    /// <summary>The variables among <paramref name="lines"/>; every other line is progress and is returned in <paramref name="other"/>.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines, out IReadOnlyList<string> other)
    {
        var variables = new Dictionary<string, string>();
        var rest = new List<string>();
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=');
            var key = equals > 0 ? line[..equals] : "";
            if (key == "INDEX_URL"
                || (key.StartsWith("POETRY_HTTP_BASIC_", StringComparison.Ordinal)
                    && key.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')))
            {
                variables[key] = line[(equals + 1)..];
            }
            else
            {
                rest.Add(line);
            }
        }

        other = rest;
        return variables;
    }
}
