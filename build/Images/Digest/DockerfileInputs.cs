using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Build.Images.Digest;

/// <summary>
/// What a Dockerfile reads from outside itself: the context sources of every COPY/ADD of every stage
/// (`--from=` copies read another stage or image, not the context), the global ARG defaults (before the first
/// FROM) and the base image of each stage. A deliberately small parser: instructions, line continuations,
/// comments, shell and JSON forms.
/// </summary>
public sealed record DockerfileInputs(
    IReadOnlyList<string> ContextSources,
    IReadOnlyDictionary<string, string?> GlobalArgs,
    IReadOnlyList<string> FromImages,
    IReadOnlySet<string> StageNames)
{
    private static readonly Regex Variable = new(
        @"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    public static DockerfileInputs Parse(string text)
    {
        var sources = new List<string>();
        var args = new Dictionary<string, string?>(StringComparer.Ordinal);
        var froms = new List<string>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var instruction in Instructions(text))
        {
            var space = instruction.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : instruction[(space + 1)..].Trim();
            switch (keyword)
            {
                case "ARG" when froms.Count == 0:
                    foreach (var word in Words(rest))
                    {
                        var equals = word.IndexOf('=');
                        args[equals < 0 ? word : word[..equals]] = equals < 0 ? null : word[(equals + 1)..];
                    }

                    break;
                case "FROM":
                {
                    var words = Words(rest).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
                    if (words.Count > 0)
                    {
                        froms.Add(words[0]);
                    }

                    if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                    {
                        stages.Add(words[2]);
                    }

                    break;
                }

                case "COPY" or "ADD":
                {
                    var words = rest.StartsWith('[') ? JsonWords(rest) : Words(rest);
                    if (words.Any(word => word.StartsWith("--from", StringComparison.OrdinalIgnoreCase)))
                    {
                        break;
                    }

                    var operands = words.Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
                    // The last operand is the destination; heredocs (<<EOF) are not context files.
                    sources.AddRange(operands.Take(operands.Count - 1).Where(source => !source.StartsWith("<<", StringComparison.Ordinal)));
                    break;
                }
            }
        }

        return new DockerfileInputs(sources, args, froms, stages);
    }

    /// <summary>
    /// The images the stages start from, with ${ARG} resolved from the build arguments, then the global ARG
    /// defaults; stage names (FROM base AS development) and `scratch` are not images.
    /// </summary>
    public IReadOnlyList<string> BaseImages(IReadOnlyDictionary<string, string> buildArgs)
    {
        var images = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var from in FromImages)
        {
            var image = Expand(from, buildArgs, depth: 0);
            if (image.Length > 0 && !StageNames.Contains(image) && !image.Equals("scratch", StringComparison.OrdinalIgnoreCase))
            {
                images.Add(image);
            }
        }

        return images.ToArray();
    }

    private string Expand(string value, IReadOnlyDictionary<string, string> buildArgs, int depth) =>
        depth > 8 ? value : Variable.Replace(value, match =>
        {
            var name = match.Groups["bare"].Success ? match.Groups["bare"].Value : match.Groups["name"].Value;
            string? resolved = buildArgs.TryGetValue(name, out var given) ? given
                : GlobalArgs.TryGetValue(name, out var fallback) && fallback is not null ? Expand(fallback, buildArgs, depth + 1)
                : null;
            return resolved is { Length: > 0 } ? resolved : match.Groups["default"].Success ? match.Groups["default"].Value : "";
        });

    /// <summary>Instructions with continuation lines joined and comment lines dropped.</summary>
    private static IEnumerable<string> Instructions(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                continue;
            }

            if (line.TrimEnd().EndsWith('\\'))
            {
                var body = line.TrimEnd();
                current.Append(body, 0, body.Length - 1).Append(' ');
                continue;
            }

            current.Append(line);
            var instruction = current.ToString().Trim();
            current.Clear();
            if (instruction.Length > 0)
            {
                yield return instruction;
            }
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static List<string> Words(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(word => word.Trim('"')).ToList();

    private static List<string> JsonWords(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.EnumerateArray().Select(element => element.GetString() ?? "").ToList();
        }
        catch (JsonException)
        {
            return Words(text);
        }
    }
}
