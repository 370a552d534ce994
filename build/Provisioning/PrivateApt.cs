namespace Build.Provisioning;

/// <summary>
/// An apt configuration of its own under <see cref="Folder"/>: its own sources, lists, cache and an empty parts
/// folder. apt reads <c>APT_CONFIG</c> before /etc/apt, and this file points every folder apt reads or writes away
/// from the host's, so the host's package lists, its lock and its apt.conf.d hooks (appstream rewrites a cache file
/// on update) are never touched.
/// </summary>
public sealed record PrivateApt(string Folder, string Mirror, string Suite)
{
    public string ConfigFile => Path.Combine(Folder, "apt.conf");

    public string SourcesFile => Path.Combine(Folder, "sources.list");

    public string Downloads => Path.Combine(Folder, "debs");

    /// <summary>The environment that makes apt-get read <see cref="ConfigFile"/> instead of the host's.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["APT_CONFIG"] = ConfigFile };

    public string Sources => $"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] {Mirror} {Suite} main\n";

    public string Config => string.Join('\n',
    [
        $"Dir::Etc::main \"/dev/null\";",
        $"Dir::Etc::Parts \"{Path.Combine(Folder, "parts")}\";",
        $"Dir::Etc::sourcelist \"{SourcesFile}\";",
        "Dir::Etc::sourceparts \"-\";",
        $"Dir::State::Lists \"{Path.Combine(Folder, "lists")}\";",
        // No installed packages: download fetches exactly what is named, whatever the host has.
        "Dir::State::status \"/dev/null\";",
        $"Dir::Cache \"{Path.Combine(Folder, "cache")}\";",
        // The host's apt lock is not ours to take; these folders are private to this run.
        "Debug::NoLocking \"true\";",
        "Acquire::Languages \"none\";",
        // The _apt user cannot write into a root-owned folder of ours; downloading as root avoids a warning.
        "APT::Sandbox::User \"root\";",
        "",
    ]);

    /// <summary>Creates the folders and writes the two files.</summary>
    public void Write()
    {
        foreach (var folder in new[] { "parts", "lists/partial", "cache/archives/partial", "debs" })
        {
            Directory.CreateDirectory(Path.Combine(Folder, folder));
        }

        File.WriteAllText(SourcesFile, Sources);
        File.WriteAllText(ConfigFile, Config);
    }
}
