namespace Build.Tools;

/// <summary>How the build's caches under .build/ are written (the file hashes, the tool probes' answers).</summary>
public static class CacheFile
{
    /// <summary>
    /// Writes <paramref name="bytes"/> whole to a temporary file and renames it over <paramref name="path"/>, so a
    /// build starting meanwhile reads the old file or the new one, never half of one. A cache that cannot be written
    /// is not an error: the next run only computes again what it holds.
    /// </summary>
    public static void Replace(string path, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not written: see above.
        }
    }
}
