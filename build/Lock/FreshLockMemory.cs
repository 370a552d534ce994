using System.Security.Cryptography;
using System.Text;
using Build.Tools;

namespace Build.Lock;

/// <summary>
/// The last fresh verdict on poetry.lock, kept in a small file (.build/fresh-lock) under the SHA-256 of everything it
/// was judged from: both files' text, the lock's path, the hash rules and this build of the host. A run whose
/// pyproject.toml and poetry.lock did not change recalls it instead of parsing and validating the lock again, which
/// was the largest allocation of a warm dry run (every collection and page fault it caused). Only a fresh verdict is
/// kept: a stale, missing or invalid lock is judged every time, with its full account. Anything wrong with the file
/// (missing, from another format, unreadable) only means judging again; it never fails the build.
/// </summary>
public sealed class FreshLockMemory(string path)
{
    private const string Format = "omninode fresh-lock 1";

    // This build of the host: a change of the hash rules is a new build, whose verdicts are its own.
    private static readonly string HostBuild = typeof(FreshLockMemory).Module.ModuleVersionId.ToString("N");

    public string FilePath { get; } = path;

    /// <summary>The key of a judgement: what the verdict depends on, hashed.</summary>
    public static string KeyOf(string pyprojectText, string lockPath, string lockText, HashRules rules) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\0', Format, HostBuild, rules.ToString(), lockPath, pyprojectText, lockText))));

    /// <summary>The fresh verdict kept under <paramref name="key"/>, or null.</summary>
    public LockVerdict? Recall(string key, string lockPath)
    {
        string[] lines;
        try
        {
            lines = File.Exists(FilePath) ? File.ReadAllLines(FilePath) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return lines is [Format, var kept, var writer, var family, var hash, var keys, var message]
            && kept == key && Enum.TryParse<HashFamily>(family, out var rules)
            ? new LockVerdict(LockState.Fresh, lockPath, writer, rules, hash, hash, keys.Split(' ', StringSplitOptions.RemoveEmptyEntries), [], [], message)
            : null;
    }

    /// <summary>Keeps <paramref name="verdict"/> under <paramref name="key"/> when it is fresh, as the build's other caches are written.</summary>
    public void Keep(string key, LockVerdict verdict)
    {
        if (!verdict.IsFresh || verdict is not { Writer: { } writer, Family: { } family, ActualHash: { } hash }
            || new[] { writer, hash, verdict.Message }.Concat(verdict.RelevantKeys).Any(text => text.Contains('\n') || text.Contains('\r'))
            || verdict.RelevantKeys.Any(name => name.Contains(' ')))
        {
            return;
        }

        CacheFile.Replace(FilePath, Encoding.UTF8.GetBytes(
            string.Join('\n', Format, key, writer, family.ToString(), hash, string.Join(' ', verdict.RelevantKeys), verdict.Message) + "\n"));
    }
}
