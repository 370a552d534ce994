namespace Build.Context;

/// <summary>
/// One option of the build: its name (without dashes), the shape of its value (null for a switch), the environment
/// variable that stands in for it, its default and one line on what it does.
/// </summary>
public sealed record OptionDefinition(OptionGroup Group, string Name, string? Value, string? EnvironmentVariable, string Default, string Meaning)
{
    /// <summary>How the option is typed: <c>--build-target=development|production</c>, or <c>--force</c> for a switch.</summary>
    public string Usage => Value is null ? $"--{Name}" : $"--{Name}={Value}";

    public static string GroupTitle(OptionGroup group) => group switch
    {
        OptionGroup.Images => "Images",
        OptionGroup.Tools => "Tools",
        OptionGroup.Stack => "Compose stack",
        OptionGroup.Swarm => "Swarm stack",
        OptionGroup.Push => "Push",
        OptionGroup.Lock => "Lock",
        _ => "Report and tests",
    };
}
