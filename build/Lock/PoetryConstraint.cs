using System.Globalization;
using System.Text.RegularExpressions;

namespace Build.Lock;

/// <summary>
/// A version constraint on Poetry itself as pyproject.toml's <c>requires-poetry</c> spells it: PEP 440 clauses
/// separated by commas (<c>&gt;=2.0,&lt;3.0</c>, <c>~=2.1</c>, <c>==2.*</c>, <c>!=2.0.1</c>) and Poetry's own <c>^2.1</c>,
/// <c>~2.1</c> and bare versions. Pre-release suffixes are ignored: the Poetry versions it is held against are releases.
/// </summary>
public sealed partial record PoetryConstraint(string Text)
{
    /// <summary>Whether <paramref name="version"/> meets every clause; false for a clause this reader does not understand.</summary>
    public bool IsMetBy(Version version) =>
        Text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(clause => Meets(clause, version));

    /// <summary>Whether every clause is one this reader understands.</summary>
    public bool IsReadable =>
        Text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } clauses
        && clauses.All(clause => ClausePattern().IsMatch(clause));

    private static bool Meets(string clause, Version version)
    {
        var match = ClausePattern().Match(clause);
        if (!match.Success)
        {
            return false;
        }

        var op = match.Groups["op"].Value;
        var parts = match.Groups["version"].Value.Split('.').Select(part => int.Parse(part, CultureInfo.InvariantCulture)).ToArray();
        var wildcard = match.Groups["star"].Success;
        var bound = new Version(parts[0], parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
        var actual = new Version(version.Major, Math.Max(version.Minor, 0), Math.Max(version.Build, 0));
        if (wildcard)
        {
            // 2.* or ==2.1.*: the given parts must match; !=2.*: they must not.
            var prefix = parts.Select((part, index) => index switch { 0 => actual.Major, 1 => actual.Minor, _ => actual.Build } == part).All(equal => equal);
            return op == "!=" ? !prefix : op is "" or "==" && prefix;
        }

        return op switch
        {
            ">=" => actual >= bound,
            ">" => actual > bound,
            "<=" => actual <= bound,
            "<" => actual < bound,
            "!=" => actual != bound,
            "" or "==" or "===" => actual == bound,
            // ^2.1 allows what does not change the leftmost non-zero part; ~2.1 and ~=2.1.3 the next-to-last given part.
            "^" => actual >= bound && actual < Caret(parts),
            "~" => actual >= bound && actual < Tilde(parts),
            "~=" => actual >= bound && actual < CompatibleRelease(parts),
            _ => false,
        };
    }

    private static Version Caret(int[] parts) => parts[0] > 0 || parts.Length == 1
        ? new Version(parts[0] + 1, 0, 0)
        : parts.ElementAtOrDefault(1) > 0 || parts.Length == 2 ? new Version(0, parts[1] + 1, 0) : new Version(0, 0, parts[2] + 1);

    private static Version Tilde(int[] parts) => parts.Length == 1 ? new Version(parts[0] + 1, 0, 0) : new Version(parts[0], parts[1] + 1, 0);

    private static Version CompatibleRelease(int[] parts) => parts.Length <= 2 ? new Version(parts[0] + 1, 0, 0) : new Version(parts[0], parts[1] + 1, 0);

    [GeneratedRegex(@"^(?<op>===|==|!=|~=|>=|<=|>|<|\^|~)?\s*(?<version>\d+(?:\.\d+){0,2})(?<star>\.\*)?(?:[a-z]+\d*)?(?:\.(?:post|dev)\d+)?$")]
    private static partial Regex ClausePattern();
}
