namespace Build.Context;

/// <summary>
/// One option of the build, declared once: its group in <c>--help</c>, its name, the shape of its value, the environment
/// variable that stands in for it, one line on what it does, and (in the typed subclasses) its type and default. The
/// parser reads an option through its definition (<see cref="OptionReader"/>), so the default it falls back to is the
/// one <c>--help</c> prints.
/// </summary>
public abstract record OptionDefinition(OptionGroup Group, string Name, string? Value, string? EnvironmentVariable, string Meaning)
{
    /// <summary>How <c>--help</c> and the README state the default.</summary>
    public abstract string Default { get; }

    /// <summary>How the option is typed: <c>--build-target=development|production</c>, or <c>--force</c> for a switch.</summary>
    public string Usage => Value is null ? $"--{Name}" : $"--{Name}={Value}";

    /// <summary>The name, so that a message can say <c>$"--{option}"</c>.</summary>
    public sealed override string ToString() => Name;

    /// <summary>The name, where a string is asked for (a cake.config key, a message).</summary>
    public static implicit operator string(OptionDefinition option) => option.Name;

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
