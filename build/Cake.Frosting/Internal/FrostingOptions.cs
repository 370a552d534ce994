using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>What the host does with the targets.</summary>
internal enum FrostingMode
{
    Run,
    DryRun,
    Tree,
    Description,
    Version,
    Info,
    Help,
}

/// <summary>The parsed command line. Immutable; built once by <see cref="FrostingCommandLine.Parse"/>.</summary>
internal sealed record FrostingOptions(
    FrostingMode Mode,
    IReadOnlyList<string> Targets,
    string? WorkingDirectory,
    Verbosity Verbosity,
    bool Exclusive,
    bool NoReport,
    IReadOnlyList<KeyValuePair<string, string>> Arguments,
    string? Error);
