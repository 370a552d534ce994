using Cake.Core;
using Cake.Core.Configuration;

namespace Build.Context;

/// <summary>
/// Reads one option through its definition with the precedence Cake users expect: command line, then environment
/// variable, then cake.config (<c>[Bridge]</c> section), then the definition's default. Errors are collected, not
/// thrown one by one, so that a user with three bad values hears about all three at once.
/// </summary>
public sealed class OptionReader(ICakeArguments arguments, Func<string, string?> environment, ICakeConfiguration configuration)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void AddError(string message) => _errors.Add(message);

    /// <summary>The cake.config key of an option: --base-image → Bridge_BaseImage.</summary>
    public static string ConfigurationKey(string option) =>
        "Bridge_" + string.Concat(option.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>True when the option was typed on the command line (not inherited from the environment or cake.config).</summary>
    public bool ExplicitlyGiven(OptionDefinition option) => arguments.HasArgument(option.Name);

    /// <summary>
    /// The options on the command line that are neither the build's (<paramref name="known"/>) nor Cake's, each as an
    /// error naming the nearest known option.
    /// </summary>
    public void RefuseUnknown(IReadOnlyList<OptionDefinition> known)
    {
        var names = known.Select(option => option.Name).Concat(CakeOptionNames.All).ToArray();
        foreach (var name in arguments.GetArguments().Keys.Where(name => !CakeOptionNames.IsConfigurationKey(name)))
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var hint = NearestName.Of(name, names) is { } nearest ? $" Did you mean --{nearest}?" : "";
                _errors.Add($"--{name}: unknown option.{hint} The options are Cake's (--target, --verbosity, --dryrun, ...) and this build's; " +
                    "./build.sh --help lists them all.");
            }
        }
    }

    /// <summary>
    /// A text option's value, else its default. A value given empty (--docker=, BRIDGE_DOCKER set to spaces) is an error,
    /// not a silent default: the user meant something by typing it.
    /// </summary>
    public string? Read(TextOption option) => Given(option) ?? option.DefaultValue;

    /// <summary>The value the user gave (command line, environment, cake.config), without the default; null when none.</summary>
    public string? Given(OptionDefinition option)
    {
        var value = Raw(option);
        if (value is not null && value.Trim().Length == 0)
        {
            _errors.Add($"--{option.Name} is given an empty value; give one (see ./build.sh --help) or leave the option out.");
            return null;
        }

        return value;
    }

    /// <summary>A repeatable option (--tag=a --tag=b); cake.config holds a comma-separated list.</summary>
    public IReadOnlyList<string> Read(ListOption option)
    {
        var name = option.Name;
        var values = arguments.HasArgument(name)
            ? arguments.GetArguments(name).SelectMany(SplitList).ToArray()
            : configuration.GetValue(ConfigurationKey(name)) is { Length: > 0 } fromConfiguration ? SplitList(fromConfiguration).ToArray() : [];
        if (values.Any(value => value.Length == 0))
        {
            var given = string.Join("', '", arguments.GetArguments(name));
            _errors.Add($"--{name} is given an empty value ('{given}'); give one per --{name}, or leave the option out.");
            return values.Where(value => value.Length > 0).ToArray();
        }

        return values;
    }

    public bool Read(SwitchOption option)
    {
        var value = Raw(option);
        if (value is null)
        {
            return option.DefaultValue;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                _errors.Add($"--{option.Name} is a switch: give it alone (--{option.Name}) or as --{option.Name}=true|false; '{value}' is not a yes/no value.");
                return option.DefaultValue;
        }
    }

    public int Read(IntegerOption option)
    {
        var value = Given(option);
        if (value is null)
        {
            return option.DefaultValue;
        }

        if (int.TryParse(value.Trim(), out var number) && number >= option.Minimum && number <= option.Maximum)
        {
            return number;
        }

        _errors.Add($"--{option.Name} takes a whole number of {option.Unit} from {option.Minimum} to {option.Maximum} " +
            $"(for example --{option.Name}={option.DefaultValue}); '{value}' is not one.");
        return option.DefaultValue;
    }

    private string? Raw(OptionDefinition option)
    {
        if (arguments.HasArgument(option.Name))
        {
            return arguments.GetArguments(option.Name).LastOrDefault();
        }

        if (option.EnvironmentVariable is { } variable && environment(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return configuration.GetValue(ConfigurationKey(option.Name)) is { Length: > 0 } fromConfiguration ? fromConfiguration : null;
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries);
}
