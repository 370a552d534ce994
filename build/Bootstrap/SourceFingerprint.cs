using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;

namespace Build.Bootstrap;

/// <summary>
/// The content hash of what the build host is compiled from: every .cs, .csproj, .props and .targets file under
/// build/ (bin/ and obj/ left out), the shared props and global.json. A fresh clone of the same commit has new
/// modification times and the same hash, so a native host compiled by one clone serves every clone of the machine.
/// build.sh and build.ps1 compute the same value as <c>sha256sum</c> over the sorted files, then over that listing.
/// </summary>
public static class SourceFingerprint
{
    /// <summary>The files and folders of the repository the host is compiled from (the native compile copies them).</summary>
    public static readonly IReadOnlyList<string> Roots = ["build", "Directory.Build.props", "Directory.Packages.props", "global.json"];

    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets"];

    /// <summary>The repository-relative paths (forward slashes, ordinal order) of the files the hash covers.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var files = Entries(root).Select(entry => entry.Path).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The files the hash covers, in the order the file system lists them, each with its size and modification time
    /// (100 ns ticks since 1970): one stat each, as find's.
    /// </summary>
    public static IEnumerable<(string Path, long Size, long Ticks)> Entries(string root)
    {
        foreach (var name in Roots)
        {
            var path = Path.Combine(root, name);
            var info = new FileInfo(path);
            if (info.Exists)
            {
                yield return (name, info.Length, info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks);
            }
            else if (Directory.Exists(path))
            {
                var prefix = root.Length + (Path.EndsInDirectorySeparator(root) ? 0 : 1);
                var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
                var files = new FileSystemEnumerable<(string, long, long)>(path, (ref entry) => (
                    string.Concat(entry.Directory[prefix..], "/", entry.FileName).Replace('\\', '/'),
                    entry.Length,
                    entry.LastWriteTimeUtc.UtcTicks - DateTime.UnixEpoch.Ticks), options)
                {
                    // The same patterns as build.sh's find.
                    ShouldRecursePredicate = (ref entry) => entry.FileName is not ("bin" or "obj"),
                    ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && Covered(entry.FileName),
                };
                foreach (var file in files)
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>sha256 of the lines "HASH  PATH" that <c>sha256sum</c> prints for <see cref="Files"/>, as lowercase hex.</summary>
    public static string Compute(string root)
    {
        var listing = new StringBuilder();
        foreach (var file in Files(root))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file))));
            listing.Append(hash).Append("  ").Append(file).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    private static bool Covered(ReadOnlySpan<char> name)
    {
        if (name.SequenceEqual("global.json"))
        {
            return true;
        }

        foreach (var extension in Extensions)
        {
            if (name.EndsWith(extension, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
