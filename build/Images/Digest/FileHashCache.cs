using System.Security.Cryptography;
using System.Text.Json;

namespace Build.Images.Digest;

/// <summary>One remembered file hash: valid while the file keeps this size and modification time.</summary>
public sealed record FileHashEntry(long Size, long ModifiedTicks, long HashedTicks, string Sha256);

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

    private const int FormatVersion = 1;

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

    /// <summary>Loads the cache file; a missing, unreadable or older-format file just starts empty.</summary>
    public static FileHashCache Load(string path, Func<DateTime>? utcNow = null)
    {
        var entries = new Dictionary<string, FileHashEntry>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                if (root.TryGetProperty("version", out var version) && version.GetInt32() == FormatVersion)
                {
                    foreach (var file in root.GetProperty("files").EnumerateObject())
                    {
                        var value = file.Value;
                        entries[file.Name] = new FileHashEntry(
                            value.GetProperty("size").GetInt64(),
                            value.GetProperty("mtime").GetInt64(),
                            value.GetProperty("hashed").GetInt64(),
                            value.GetProperty("sha256").GetString() ?? "");
                    }
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or InvalidOperationException or KeyNotFoundException or UnauthorizedAccessException)
        {
            entries.Clear();
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

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartObject("files");
                foreach (var (path, entry) in _entries.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(path);
                    writer.WriteNumber("size", entry.Size);
                    writer.WriteNumber("mtime", entry.ModifiedTicks);
                    writer.WriteNumber("hashed", entry.HashedTicks);
                    writer.WriteString("sha256", entry.Sha256);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            bytes = buffer.ToArray();
            _changed = false;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = $"{FilePath}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next run the hashing.
        }
    }
}
