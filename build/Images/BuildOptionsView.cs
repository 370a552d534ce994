namespace Build.Images;

/// <summary>The options that shape a `docker build`, apart from the rest of the build's options.</summary>
public sealed record BuildOptionsView(bool Pull, bool NoCache)
{
    public static BuildOptionsView From(Context.BuildOptions options) => new(options.Pull, options.NoCache);
}
