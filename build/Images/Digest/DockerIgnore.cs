using System.Text;
using System.Text.RegularExpressions;

namespace Build.Images.Digest;

/// <summary>
/// A .dockerignore with Docker's rules (moby/patternmatcher): each line a pattern, `#` comments, a leading `!`
/// re-includes, a leading `/` is dropped, the pattern is cleaned like Go's filepath.Clean; `*` and `?` stay
/// inside one path segment, `**` spans any number of them, `[...]` is a class. A pattern matches a path or any
/// of its parent directories, and the last pattern that matches decides.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    public static readonly DockerIgnore None = new([]);

    public IReadOnlyList<IgnorePattern> Patterns => _patterns;

    public static DockerIgnore Parse(string text)
    {
        var patterns = new List<IgnorePattern>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var exception = line[0] == '!';
            if (exception)
            {
                line = line[1..].Trim();
            }

            var cleaned = CleanPath(line.TrimStart('/'));
            if (cleaned.Length == 0)
            {
                continue;
            }

            patterns.Add(new IgnorePattern(cleaned, exception, Compile(cleaned)));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Reads &lt;root&gt;/.dockerignore; no file means nothing is ignored.</summary>
    public static DockerIgnore Read(string contextRoot)
    {
        var file = Path.Combine(contextRoot, ".dockerignore");
        return File.Exists(file) ? Parse(File.ReadAllText(file)) : None;
    }

    /// <summary>Whether Docker leaves this context-relative path (forward slashes) out of the build context.</summary>
    public bool IsIgnored(string relativePath) => LastMatch(relativePath) is { } index && !_patterns[index].Exception;

    /// <summary>
    /// Whether nothing below this ignored directory can come back: no `!` pattern follows the last pattern that
    /// ignores it (every later match of a descendant would be through the same parents, so an ignore).
    /// </summary>
    public bool CanSkipDirectory(string relativeDirectory)
    {
        if (LastMatch(relativeDirectory) is not { } index || _patterns[index].Exception)
        {
            return false;
        }

        for (var i = index + 1; i < _patterns.Count; i++)
        {
            if (_patterns[i].Exception)
            {
                return false;
            }
        }

        return true;
    }

    private int? LastMatch(string relativePath)
    {
        var path = CleanPath(relativePath);
        var parents = ParentPaths(path);
        int? last = null;
        for (var i = 0; i < _patterns.Count; i++)
        {
            var pattern = _patterns[i];
            if (pattern.Regex.IsMatch(path) || parents.Any(pattern.Regex.IsMatch))
            {
                last = i;
            }
        }

        return last;
    }

    private static List<string> ParentPaths(string path)
    {
        var parents = new List<string>();
        var slash = path.IndexOf('/');
        while (slash > 0)
        {
            parents.Add(path[..slash]);
            slash = path.IndexOf('/', slash + 1);
        }

        return parents;
    }

    /// <summary>Go's filepath.Clean for relative, slash-separated paths: no empty, `.` or `..`-resolvable segments.</summary>
    public static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The regular expression moby/patternmatcher builds for a cleaned pattern.</summary>
    public static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    // "**" at the end matches everything; elsewhere any number of whole segments (even none).
                    regex.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                }
                else
                {
                    regex.Append("[^/]*");
                }
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                i++;
                regex.Append(Regex.Escape(pattern[i].ToString()));
            }
            else if (c == '[')
            {
                var end = pattern.IndexOf(']', i + 1);
                if (end < 0)
                {
                    regex.Append(@"\[");
                    continue;
                }

                var body = pattern[(i + 1)..end];
                if (body.StartsWith('^') || body.StartsWith('!'))
                {
                    body = "^" + body[1..];
                }

                regex.Append('[').Append(body.Replace(@"\", @"\\")).Append(']');
                i = end;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }
}
