namespace Build.Provisioning;

/// <summary>
/// cosign from Debian 13's package, pinned, extracted into a folder of its own beside the engine toolchain (a new pin
/// is a new folder) and never installed. It is a static Go program: it runs on the Debian 12 host as it is.
/// </summary>
public sealed record CosignToolchain(string ToolchainsFolder)
{
    public static readonly DebianPackage Package = new("cosign", "2.5.0-2+b5");

    /// <summary>debian13-cosign2.5.0: the version, readable in <c>ls</c>.</summary>
    public static string Name => "debian13-cosign" + Package.Version[..Package.Version.IndexOf('-', StringComparison.Ordinal)];

    public string Folder => Path.Combine(ToolchainsFolder, Name);

    public string Cosign => Path.Combine(Folder, "root", "usr", "bin", "cosign");

    /// <summary>cosign's TUF cache (it would create $HOME/.sigstore otherwise); offline runs never fill it.</summary>
    public string TufRoot => Path.Combine(Folder, "tuf");

    /// <summary>Written last, after the program is in place and answered: a folder without it is not a toolchain.</summary>
    public string CompleteMarker => Path.Combine(Folder, ".complete");

    public bool IsComplete => File.Exists(CompleteMarker);

    public static CosignToolchain From(Func<string, string?> environment) => new(Debian13Toolchain.From(environment).ToolchainsFolder);
}
