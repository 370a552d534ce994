using System.Security.Cryptography;
using System.Text;
using Tomlyn.Model;

namespace Build.Lock;

/// <summary>Poetry's <c>[metadata].content-hash</c>: <c>sha256(json.dumps(relevant, sort_keys=True))</c>.</summary>
public static class ContentHash
{
    private static readonly string[] LegacyKeys = ["dependencies", "source", "extras", "dev-dependencies"];
    private static readonly string[] Poetry11Keys = ["dependencies", "dev-dependencies", "source", "extras"];
    private static readonly string[] Poetry12AlphaKeys = ["dependencies", "group", "source", "extras"];
    private static readonly string[] Poetry12Keys = [.. LegacyKeys, "group"];
    private static readonly string[] ProjectKeys = ["requires-python", "dependencies", "optional-dependencies"];

    /// <summary>"Poetry 1.2–1.8 rules" and so on, for messages.</summary>
    public static string Describe(HashFamily family) => family switch
    {
        HashFamily.Poetry11 => "Poetry 0.12–1.1 rules",
        HashFamily.Poetry12Alpha => "Poetry 1.2.0a2–1.2.0b1 rules",
        HashFamily.Poetry12 => "Poetry 1.2–1.8 rules",
        HashFamily.Poetry20 => "Poetry 2.0–2.2 rules",
        HashFamily.Poetry23 => "Poetry 2.3+ rules",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>Every pyproject key the family can hash, dotted (<c>tool.poetry.dependencies</c>).</summary>
    public static IReadOnlyList<string> HashedKeys(HashFamily family) => family switch
    {
        HashFamily.Poetry11 => Poetry11Keys.Select(Poetry).ToArray(),
        HashFamily.Poetry12Alpha => Poetry12AlphaKeys.Select(Poetry).ToArray(),
        HashFamily.Poetry12 => Poetry12Keys.Select(Poetry).ToArray(),
        HashFamily.Poetry20 => [.. ProjectKeys.Select(key => $"project.{key}"), .. Poetry12Keys.Select(Poetry)],
        HashFamily.Poetry23 => [.. ProjectKeys.Select(key => $"project.{key}"), "dependency-groups", .. Poetry12Keys.Select(Poetry)],
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>The hashed keys that are present in this pyproject.</summary>
    public static IReadOnlyList<string> PresentKeys(TomlTable pyproject, HashFamily family)
    {
        var project = Table(pyproject, "project");
        var poetry = Table(Table(pyproject, "tool"), "poetry");
        return HashedKeys(family).Where(key => key switch
        {
            _ when key.StartsWith("project.", StringComparison.Ordinal) => project?.ContainsKey(key["project.".Length..]) == true,
            _ when key.StartsWith("tool.poetry.", StringComparison.Ordinal) => poetry?.ContainsKey(key["tool.poetry.".Length..]) == true,
            _ => pyproject.ContainsKey(key),
        }).ToArray();
    }

    /// <summary>The structure Poetry hands to json.dumps for this family.</summary>
    public static IReadOnlyDictionary<string, object?> RelevantContent(TomlTable pyproject, HashFamily family)
    {
        var poetry = Table(Table(pyproject, "tool"), "poetry");
        switch (family)
        {
            case HashFamily.Poetry11:
                return Flat(poetry, Poetry11Keys, alwaysKeys: Poetry11Keys);
            case HashFamily.Poetry12Alpha:
                return Flat(poetry, Poetry12AlphaKeys, alwaysKeys: Poetry12AlphaKeys);
            case HashFamily.Poetry12:
                return Flat(poetry, Poetry12Keys, alwaysKeys: LegacyKeys);
            case HashFamily.Poetry20:
            case HashFamily.Poetry23:
                var projectTable = Table(pyproject, "project");
                var project = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var key in ProjectKeys)
                {
                    if (projectTable is not null && projectTable.TryGetValue(key, out var value))
                    {
                        project[key] = value;
                    }
                }

                object? groups = null;
                if (family == HashFamily.Poetry23 && pyproject.TryGetValue("dependency-groups", out var found) && IsTruthy(found))
                {
                    groups = found;
                }

                var nested = project.Count > 0 || groups is not null;
                var poetryContent = Flat(poetry, Poetry12Keys, alwaysKeys: nested ? [] : LegacyKeys);
                if (!nested)
                {
                    return poetryContent;
                }

                var content = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (project.Count > 0)
                {
                    content["project"] = project;
                }

                if (groups is not null)
                {
                    content["dependency-groups"] = groups;
                }

                content["tool"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["poetry"] = poetryContent };
                return content;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, null);
        }
    }

    /// <summary>The content-hash Poetry of this family writes for the pyproject.</summary>
    public static string Compute(TomlTable pyproject, HashFamily family) => Sha256Hex(PythonJson.Dumps(RelevantContent(pyproject, family)));

    /// <summary>Lowercase hex sha256 of the ASCII JSON text (ensure_ascii makes it pure ASCII).</summary>
    public static string Sha256Hex(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(json)));

    private static Dictionary<string, object?> Flat(TomlTable? poetry, string[] keys, string[] alwaysKeys)
    {
        var content = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (poetry is not null && poetry.TryGetValue(key, out var value))
            {
                content[key] = value;
            }
            else if (alwaysKeys.Contains(key))
            {
                content[key] = null;
            }
        }

        return content;
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        TomlTable table => table.Count > 0,
        TomlArray array => array.Count > 0,
        TomlTableArray array => array.Count > 0,
        string text => text.Length > 0,
        _ => true,
    };

    private static string Poetry(string key) => $"tool.poetry.{key}";

    internal static object? Value(TomlTable? parent, string key) =>
        parent is not null && parent.TryGetValue(key, out var value) ? value : null;

    internal static TomlTable? Table(TomlTable? parent, string key) =>
        parent is not null && parent.TryGetValue(key, out var value) ? value as TomlTable : null;
}
