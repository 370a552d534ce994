using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Build.Tools;

namespace Build.Git;

/// <summary>
/// The commit's facts as last read (sha, branch, tag, commit time, origin), kept in a file with a fingerprint of what
/// they were read from: HEAD, the ref it names, packed-refs, the loose tags and the configuration files that say where
/// origin is. While that fingerprint holds, the facts come from the file: opening the repository loads libgit2, and with
/// it OpenSSL, which cost a warm dry run more than the rest of its reading together. The files' contents are compared,
/// not their stat data: a loose ref is 41 bytes whatever commit it names, and two commits can fall in one timestamp tick.
/// Whether the work tree has changes is never kept (it is no fact of the refs): only reads that do not ask for it come here.
/// </summary>
public static class GitFactsCache
{
    private const string FormatLine = "omninode-git-facts 1";

    /// <summary>
    /// The facts of the work tree at <paramref name="workTree"/>: from <paramref name="cachePath"/> when its fingerprint
    /// still holds, else from <paramref name="read"/>, and then kept there for the next run. A repository the fingerprint
    /// cannot cover (a worktree's or submodule's .git file, a configuration that includes others) is always read.
    /// </summary>
    public static GitFacts ReadThrough(string cachePath, string workTree, Func<GitFacts> read)
    {
        string? fingerprint;
        try
        {
            fingerprint = Fingerprint(Path.Combine(workTree, ".git"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Something under .git cannot be read here: the repository itself says what it can.
            fingerprint = null;
        }

        if (fingerprint is not null && Load(cachePath, fingerprint) is { } kept)
        {
            return kept;
        }

        var facts = read();
        if (fingerprint is not null && facts.IsRepository && Format(fingerprint, facts) is { } text)
        {
            CacheFile.Replace(cachePath, Encoding.UTF8.GetBytes(text));
        }

        return facts;
    }

    /// <summary>
    /// The SHA-256 of everything the facts are read from; null when <paramref name="gitDirectory"/> is not a plain
    /// .git folder or its configuration includes other files (what those say is not followed here).
    /// </summary>
    public static string? Fingerprint(string gitDirectory)
    {
        if (!Directory.Exists(gitDirectory))
        {
            return null;
        }

        var config = Contents(Path.Combine(gitDirectory, "config"));
        if (config.Contains("[include", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var text = new StringBuilder();
        var head = Contents(Path.Combine(gitDirectory, "HEAD"));
        text.Append("HEAD\n").Append(head).Append('\n');
        if (head.StartsWith("ref: ", StringComparison.Ordinal))
        {
            var name = head[5..].Trim();
            text.Append("ref\n").Append(Contents(Path.Combine(gitDirectory, name))).Append('\n');
        }

        text.Append("packed-refs\n").Append(Contents(Path.Combine(gitDirectory, "packed-refs"))).Append('\n');
        var tags = Path.Combine(gitDirectory, "refs", "tags");
        if (Directory.Exists(tags))
        {
            foreach (var tag in Directory.EnumerateFiles(tags, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                text.Append("tag ").Append(Path.GetRelativePath(tags, tag)).Append('\n').Append(Contents(tag)).Append('\n');
            }
        }

        // Where origin points can also come from the user's and the system's configuration (url.<base>.insteadOf).
        text.Append("config\n").Append(config).Append('\n');
        foreach (var file in GlobalConfigurations())
        {
            text.Append("config ").Append(file).Append('\n').Append(Contents(file)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The configuration files libgit2 reads besides the repository's own, as it finds them.</summary>
    private static IEnumerable<string> GlobalConfigurations()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } configHome ? configHome : Path.Combine(home, ".config");
        return [Path.Combine(home, ".gitconfig"), Path.Combine(xdg, "git", "config"), "/etc/gitconfig"];
    }

    /// <summary>A file's text, or empty when it does not exist (a missing packed-refs is as good as an empty one).</summary>
    private static string Contents(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }

    /// <summary>The facts kept under <paramref name="fingerprint"/>; null when the file is missing, another format or another fingerprint.</summary>
    private static GitFacts? Load(string cachePath, string fingerprint)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(cachePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (lines.Length < 2 || lines[0] != FormatLine || lines[1] != "fingerprint " + fingerprint)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(2))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                return null;
            }

            values[line[..space]] = line[(space + 1)..];
        }

        if (values.GetValueOrDefault("sha") is not { Length: 40 } sha || !sha.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        DateTimeOffset? committed = null;
        if (values.TryGetValue("committed", out var time))
        {
            if (!DateTimeOffset.TryParseExact(time, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return null;
            }

            committed = parsed;
        }

        return new GitFacts(sha, values.GetValueOrDefault("branch"), values.GetValueOrDefault("tag"), Dirty: false, committed,
            values.GetValueOrDefault("origin"));
    }

    /// <summary>The file's text; null when a value holds a line break (it could not be read back as it was).</summary>
    private static string? Format(string fingerprint, GitFacts facts)
    {
        var text = new StringBuilder().Append(FormatLine).Append('\n').Append("fingerprint ").Append(fingerprint).Append('\n');
        (string Key, string? Value)[] values =
        [
            ("sha", facts.Sha), ("branch", facts.Branch), ("tag", facts.Tag),
            ("committed", facts.CommitTime?.ToString("O", CultureInfo.InvariantCulture)), ("origin", facts.RemoteUrl),
        ];
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                return null;
            }

            text.Append(key).Append(' ').Append(value).Append('\n');
        }

        return text.ToString();
    }
}
