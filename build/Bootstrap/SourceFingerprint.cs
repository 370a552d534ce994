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
        var files = new List<string>();
        foreach (var name in Roots)
        {
            var path = Path.Combine(root, name);
            if (File.Exists(path))
            {
                files.Add(name);
            }
            else if (Directory.Exists(path))
            {
                Collect(root, path, files);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
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

    private static void Collect(string root, string folder, List<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            // The same patterns as build.sh's find.
            if (name == "global.json" || Extensions.Any(extension => name.EndsWith(extension, StringComparison.Ordinal)))
            {
                files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name is not ("bin" or "obj"))
            {
                Collect(root, sub, files);
            }
        }
    }
}
