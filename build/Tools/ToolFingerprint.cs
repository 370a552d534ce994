using System.Security.Cryptography;
using System.Text;

namespace Build.Tools;

/// <summary>
/// What a tool probe's answer depends on, as one short string for <see cref="ToolProbeCache"/>: each program and
/// file by its real path, size and modification time (an upgrade rewrites it), each folder by its entries (a plugin
/// installed or removed), and facts such as the engine's endpoint and version. Only stat calls: no process.
/// </summary>
public static class ToolFingerprint
{
    /// <summary>Where the docker CLI looks for plugins (buildx, compose v2), its own config folder first.</summary>
    public static IReadOnlyList<string> DockerPluginFolders(Func<string, string?> environment) =>
    [
        Path.Combine(DockerConfigFolder(environment), "cli-plugins"),
        "/usr/local/lib/docker/cli-plugins",
        "/usr/local/libexec/docker/cli-plugins",
        "/usr/lib/docker/cli-plugins",
        "/usr/libexec/docker/cli-plugins",
    ];

    /// <summary>The docker CLI's config file (contexts, extra plugin folders), which changes what its probes answer.</summary>
    public static string DockerConfigFile(Func<string, string?> environment) => Path.Combine(DockerConfigFolder(environment), "config.json");

    public static string Of(IEnumerable<string> files, IEnumerable<string> folders, IEnumerable<string?> facts)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append("file ").Append(Describe(file)).Append('\n');
        }

        foreach (var folder in folders)
        {
            text.Append("folder ").Append(folder);
            if (Directory.Exists(folder))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
                {
                    text.Append(' ').Append(Describe(entry));
                }
            }

            text.Append('\n');
        }

        foreach (var fact in facts)
        {
            text.Append("fact ").Append(fact).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string DockerConfigFolder(Func<string, string?> environment) =>
        environment("DOCKER_CONFIG") is { Length: > 0 } configured ? configured : Path.Combine(environment("HOME") ?? "/root", ".docker");

    private static string Describe(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            return info.Exists ? $"{info.FullName}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : $"{file}:missing";
        }
        catch (IOException)
        {
            return $"{file}:unreadable";
        }
    }
}
