namespace Build.Context;

/// <summary>
/// The options Cake itself takes (Cake.Tool 7 and Cake.Frosting 7 spell them so), besides the build's own table: a
/// name from either list is known, any other is a typo the build refuses rather than ignores. The host's command line
/// takes most of them before the build sees the arguments; the rest (<c>--debug</c>, <c>--bootstrap</c>, ...) reach it
/// as arguments and mean nothing to this build, which is not an error.
/// </summary>
public static class CakeOptionNames
{
    public static readonly IReadOnlyList<string> All =
    [
        "target", "working", "verbosity", "description", "descriptions", "showdescription", "showdescriptions", "tree", "showtree",
        "dryrun", "dry-run", "noop", "whatif", "exclusive", "version", "ver", "info", "help", "debug", "bootstrap", "skip-bootstrap",
        "no-report",
    ];

    /// <summary>
    /// Whether an argument sets a Cake configuration value instead (<c>--settings_skipverification=true</c>,
    /// <c>--bridge_baseimage=...</c>): Cake reads every <c>SECTION_KEY</c> argument into its configuration.
    /// </summary>
    public static bool IsConfigurationKey(string name) => name.IndexOf('_', StringComparison.Ordinal) > 0;
}
