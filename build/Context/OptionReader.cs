using Cake.Core;
using Cake.Core.Configuration;

namespace Build.Context;

/// <summary>
/// Reads one option with the precedence Cake users expect: command line, then environment variable, then
/// cake.config (<c>[Bridge]</c> section), then the default. Type errors are collected, not thrown one by one,
/// so that a user with three bad values hears about all three at once.
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
    public bool ExplicitlyGiven(string option) => arguments.HasArgument(option);

    /// <summary>
    /// An option's value. A value given empty (--docker=, BRIDGE_DOCKER set to spaces) is an error, not a silent
    /// default: the user meant something by typing it.
    /// </summary>
    public string? String(string option)
    {
        var value = Raw(option);
        if (value is not null && value.Trim().Length == 0)
        {
            _errors.Add($"--{option} is given an empty value; give one (see ./build.sh --help) or leave the option out.");
            return null;
        }

        return value;
    }

    private string? Raw(string option)
    {
        if (arguments.HasArgument(option))
        {
            return arguments.GetArguments(option).LastOrDefault();
        }

        if (OptionNames.EnvironmentVariables.TryGetValue(option, out var variable) && environment(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return configuration.GetValue(ConfigurationKey(option)) is { Length: > 0 } fromConfiguration ? fromConfiguration : null;
    }

    /// <summary>A repeatable option (--tag=a --tag=b); cake.config holds a comma-separated list.</summary>
    public IReadOnlyList<string> List(string option)
    {
        var values = arguments.HasArgument(option)
            ? arguments.GetArguments(option).SelectMany(SplitList).ToArray()
            : configuration.GetValue(ConfigurationKey(option)) is { Length: > 0 } fromConfiguration ? SplitList(fromConfiguration).ToArray() : [];
        if (values.Any(value => value.Length == 0))
        {
            _errors.Add($"--{option} is given an empty value ('{string.Join("', '", arguments.GetArguments(option))}'); give one per --{option}, or leave the option out.");
            return values.Where(value => value.Length > 0).ToArray();
        }

        return values;
    }

    public bool Flag(string option)
    {
        var value = Raw(option);
        if (value is null)
        {
            return false;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                _errors.Add($"--{option} is a switch: give it alone (--{option}) or as --{option}=true|false; '{value}' is not a yes/no value.");
                return false;
        }
    }

    public int Integer(string option, int defaultValue, int minimum, int maximum, string unit)
    {
        var value = String(option);
        if (value is null)
        {
            return defaultValue;
        }

        if (int.TryParse(value.Trim(), out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        _errors.Add($"--{option} takes a whole number of {unit} from {minimum} to {maximum} (for example --{option}={defaultValue}); '{value}' is not one.");
        return defaultValue;
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries);
}
