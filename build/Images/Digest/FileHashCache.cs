using System.Security.Cryptography;
using System.Text.Json;
using Build.Tools;

namespace Build.Images.Digest;

/// <summary>
/// A stat cache of file hashes (path → size, mtime, SHA-256), persisted in .build/digest-cache.json, so that
/// the digest of an unchanged repository costs one stat per file. An entry is trusted only when size and
/// modification time are unchanged AND the file had been modified at least <see cref="RacyWindow"/> before it was
/// hashed: a file written in the same timestamp tick as the hash (same size, same mtime, new bytes) would
/// otherwise look unchanged forever. Those "racy" entries are hashed again (git's racy-clean rule). Thread-safe.
/// </summary>
public sealed class FileHashCache
{
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, FileHashEntry> _entries;
    private readonly Func<DateTime> _utcNow;
    private readonly object _gate = new();
    private bool _changed;

    private FileHashCache(string? path, Dictionary<string, FileHashEntry> entries, Func<DateTime>? utcNow)
    {
        FilePath = path;
        _entries = entries;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    /// <summary>Where the cache is saved; null keeps it in memory only.</summary>
    public string? FilePath { get; }

    /// <summary>How many files were read and hashed (cache misses) since the cache was loaded.</summary>
    public int HashedFiles { get; private set; }

    public static FileHashCache InMemory(Func<DateTime>? utcNow = null) => new(null, new(StringComparer.Ordinal), utcNow);

    /// <summary>
    /// Loads the cache file. The file is the build's own state, but anything may have written it (an older build, a
    /// crash, a hand edit): a file that is not exactly the cache's shape is discarded whole, with one line through
    /// <paramref name="note"/>, and rebuilt by this run's <see cref="Save"/>. It never fails the build.
    /// </summary>
    public static FileHashCache Load(string path, Func<DateTime>? utcNow = null, Action<string>? note = null)
    {
        var entries = new Dictionary<string, FileHashEntry>(StringComparer.Ordinal);
        string? problem;
        try
        {
            problem = File.Exists(path) ? FileHashCacheFile.Read(File.ReadAllBytes(path), entries) : null;
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = exception.Message.ReplaceLineEndings(" ");
        }

        if (problem is not null)
        {
            entries.Clear();
            note?.Invoke($"Ignored {path} ({problem}); the file hashes are computed again and the cache is rewritten.");
        }

        return new FileHashCache(path, entries, utcNow);
    }

    /// <summary>The SHA-256 (hex) of a file, from the cache when its stat data says it cannot have changed.</summary>
    public string Hash(string fullPath, FileInfo? info = null)
    {
        info ??= new FileInfo(fullPath);
        var size = info.Length;
        var modified = info.LastWriteTimeUtc.Ticks;
        lock (_gate)
        {
            if (_entries.TryGetValue(fullPath, out var entry) && entry.Size == size && entry.ModifiedTicks == modified
                && modified + RacyWindow.Ticks <= entry.HashedTicks)
            {
                return entry.Sha256;
            }
        }

        // The time is taken before reading: a write during the read then counts as racy, never as cached.
        var hashedAt = _utcNow().Ticks;
        string sha;
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        lock (_gate)
        {
            _entries[fullPath] = new FileHashEntry(size, modified, hashedAt, sha);
            _changed = true;
            HashedFiles++;
        }

        return sha;
    }

    /// <summary>Writes the cache when something changed: a temporary file renamed over the old one, so a reader never sees half.</summary>
    public void Save()
    {
        if (FilePath is null)
        {
            return;
        }

        byte[] bytes;
        lock (_gate)
        {
            if (!_changed)
            {
                return;
            }

            bytes = FileHashCacheFile.Write(_entries.OrderBy(entry => entry.Key, StringComparer.Ordinal));
            _changed = false;
        }

        CacheFile.Replace(FilePath, bytes);
    }
}
