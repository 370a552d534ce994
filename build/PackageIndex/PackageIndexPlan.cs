namespace Build.PackageIndex;

/// <summary>
/// Decides, from facts gathered once, whether the run starts the project's own package index (as it starts the
/// project's engine) or only names an index that does not answer. A pure function: tested by table.
/// </summary>
public sealed record PackageIndexPlan(PackageIndexAction Action, string Reason)
{
    /// <summary>The URL scripts/package-index.sh serves; a source with this URL is the project's own index.</summary>
    public static readonly Uri ProjectIndexUrl = new("http://127.0.0.1:3141/simple/");

    public const string ProjectIndexScript = "scripts/package-index.sh";

    /// <param name="source">pyproject.toml's index; null when the project resolves from PyPI.</param>
    /// <param name="hasProjectScript">The repository holds scripts/package-index.sh.</param>
    /// <param name="answers">Something accepts connections at the index's host and port.</param>
    /// <param name="credentialsSet">Poetry's two credential variables for the source are set.</param>
    /// <param name="noInstall">--no-install (BRIDGE_NO_INSTALL=1): the run starts nothing.</param>
    public static PackageIndexPlan Decide(PackageIndexSource? source, bool hasProjectScript, bool answers, bool credentialsSet, bool noInstall)
    {
        if (source is null)
        {
            return new(PackageIndexAction.None, "pyproject.toml names no package index (Poetry uses PyPI)");
        }

        var own = hasProjectScript && source.Url == ProjectIndexUrl;
        if (answers && credentialsSet)
        {
            return new(PackageIndexAction.None, $"'{source.Name}' answers at {source.Url}");
        }

        if (!own)
        {
            return answers
                ? new(PackageIndexAction.None,
                    $"'{source.Name}' answers at {source.Url}; {source.UsernameVariable} and {source.PasswordVariable} are not both set")
                : new(PackageIndexAction.WarnNotReachable, $"the package index '{source.Name}' at {source.Url} is not reachable");
        }

        if (!answers && noInstall)
        {
            return new(PackageIndexAction.FailNotReachable,
                $"The project's package index '{source.Name}' at {source.Url} is not reachable, and --no-install (BRIDGE_NO_INSTALL=1) starts nothing. " +
                $"Start it with `{ProjectIndexScript} up` and put the two {source.UsernameVariable[..^"USERNAME".Length]}* lines " +
                "it prints into the environment, " +
                "or run without --no-install and the build starts it.");
        }

        return new(PackageIndexAction.StartProjectIndex, answers
            ? $"the project's package index answers at {source.Url}; its credentials come from `{ProjectIndexScript} up`"
            : $"no package index answers at {source.Url}: starting the project's own ({ProjectIndexScript} up)");
    }
}
