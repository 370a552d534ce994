using Cake.Core.Diagnostics;

namespace Cake.Frosting.Internal;

/// <summary>
/// A small hand parser for the Cake.Tool 7 command line (faster to start than Spectre.Console.Cli).
/// Known options use Cake.Tool's spellings; every other <c>--name=value</c>, <c>--name value</c>
/// or <c>--flag</c> (value "true") goes to <see cref="Cake.Core.ICakeArguments"/>.
/// </summary>
internal static class FrostingCommandLine
{
    public const string DefaultTarget = "Default";
    public const string TargetArgument = "target";
    public const string NoReportSetting = "Settings_NoReport";

    public static readonly IReadOnlyList<string> VerbosityNames = ["quiet", "minimal", "normal", "verbose", "diagnostic"];

    private static readonly Dictionary<string, Verbosity> Verbosities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["quiet"] = Verbosity.Quiet, ["q"] = Verbosity.Quiet,
        ["minimal"] = Verbosity.Minimal, ["m"] = Verbosity.Minimal,
        ["normal"] = Verbosity.Normal, ["n"] = Verbosity.Normal,
        ["verbose"] = Verbosity.Verbose, ["v"] = Verbosity.Verbose,
        ["diagnostic"] = Verbosity.Diagnostic, ["d"] = Verbosity.Diagnostic,
    };

    private enum Known
    {
        Target, Working, Verbosity, Description, Tree, DryRun, Exclusive, Version, Info, Help, NoReport,
    }

    private static readonly Dictionary<string, Known> LongNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["target"] = Known.Target,
        ["working"] = Known.Working,
        ["verbosity"] = Known.Verbosity,
        ["description"] = Known.Description,
        ["tree"] = Known.Tree,
        ["dryrun"] = Known.DryRun,
        ["dry-run"] = Known.DryRun,
        ["noop"] = Known.DryRun,
        ["whatif"] = Known.DryRun,
        ["exclusive"] = Known.Exclusive,
        ["version"] = Known.Version,
        ["info"] = Known.Info,
        ["help"] = Known.Help,
        ["no-report"] = Known.NoReport,
    };

    // Short names are case-sensitive, as in Cake.Tool.
    private static readonly Dictionary<string, Known> ShortNames = new(StringComparer.Ordinal)
    {
        ["t"] = Known.Target,
        ["w"] = Known.Working,
        ["v"] = Known.Verbosity,
        ["e"] = Known.Exclusive,
        ["h"] = Known.Help,
        ["?"] = Known.Help,
    };

    public static FrostingOptions Parse(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tokens = args.ToArray();
        var targets = new List<string>();
        var arguments = new List<KeyValuePair<string, string>>();
        var mode = FrostingMode.Run;
        string? working = null;
        var verbosity = Verbosity.Normal;
        var exclusive = false;
        var noReport = false;
        string? error = null;

        for (var i = 0; i < tokens.Length && error is null; i++)
        {
            var token = tokens[i];
            if (token.Length < 2 || token[0] != '-')
            {
                error = $"Unexpected argument '{token}'. Options start with '--' (for example --target=Build); see --help.";
                break;
            }

            var isLong = token.StartsWith("--", StringComparison.Ordinal);
            var body = token[(isLong ? 2 : 1)..];
            string name;
            string? inlineValue = null;
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                name = body[..eq];
                inlineValue = body[(eq + 1)..];
            }
            else
            {
                name = body;
            }

            var isKnown = isLong ? LongNames.TryGetValue(name, out var known) : ShortNames.TryGetValue(name, out known);
            if (!isKnown)
            {
                if (name.Length == 0)
                {
                    error = $"Unexpected argument '{token}'.";
                    break;
                }

                var value = inlineValue ?? (i + 1 < tokens.Length && !tokens[i + 1].StartsWith('-') ? tokens[++i] : bool.TrueString.ToLowerInvariant());
                arguments.Add(new(name, value));
                continue;
            }

            switch (known)
            {
                case Known.Target:
                case Known.Working:
                case Known.Verbosity:
                    var value = inlineValue;
                    if (value is null)
                    {
                        if (i + 1 >= tokens.Length || (tokens[i + 1].StartsWith('-') && tokens[i + 1].Length > 1))
                        {
                            error = $"Option '{token}' needs a value.";
                            break;
                        }

                        value = tokens[++i];
                    }

                    if (known == Known.Target)
                    {
                        targets.Add(value);
                    }
                    else if (known == Known.Working)
                    {
                        working = value;
                    }
                    else if (!Verbosities.TryGetValue(value, out verbosity))
                    {
                        error = $"Invalid verbosity '{value}'. Valid values: {string.Join(", ", VerbosityNames)} (or q, m, n, v, d).";
                    }

                    break;
                case Known.NoReport:
                    noReport = IsTrue(inlineValue);
                    break;
                case Known.Exclusive:
                    exclusive = IsTrue(inlineValue);
                    break;
                default:
                    if (IsTrue(inlineValue))
                    {
                        mode = ChooseMode(mode, known);
                    }

                    break;
            }
        }

        if (targets.Count == 0)
        {
            targets.Add(DefaultTarget);
        }

        foreach (var target in targets)
        {
            arguments.Add(new(TargetArgument, target));
        }

        if (noReport)
        {
            arguments.Add(new(NoReportSetting, bool.TrueString));
        }

        return new FrostingOptions(mode, targets, working, verbosity, exclusive, noReport, arguments, error);
    }

    private static bool IsTrue(string? inlineValue) =>
        inlineValue is null || !bool.TryParse(inlineValue, out var parsed) || parsed;

    // Help, version and info win over everything else; then description, tree, dry run.
    private static FrostingMode ChooseMode(FrostingMode current, Known option)
    {
        var requested = option switch
        {
            Known.Help => FrostingMode.Help,
            Known.Version => FrostingMode.Version,
            Known.Info => FrostingMode.Info,
            Known.Description => FrostingMode.Description,
            Known.Tree => FrostingMode.Tree,
            Known.DryRun => FrostingMode.DryRun,
            _ => current,
        };
        return Rank(requested) > Rank(current) ? requested : current;

        static int Rank(FrostingMode mode) => mode switch
        {
            FrostingMode.Help => 6,
            FrostingMode.Version => 5,
            FrostingMode.Info => 4,
            FrostingMode.Description => 3,
            FrostingMode.Tree => 2,
            FrostingMode.DryRun => 1,
            _ => 0,
        };
    }
}
