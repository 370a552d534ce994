namespace Build.Context;

/// <summary>A repeatable option (<c>--tag=a --tag=b</c>; cake.config holds a comma-separated list); empty by default.</summary>
public sealed record ListOption(OptionGroup Group, string Name, string Value, string? EnvironmentVariable, string Meaning)
    : OptionDefinition(Group, Name, Value, EnvironmentVariable, Meaning)
{
    public override string Default => "none";
}
