namespace Build.Context;

/// <summary>A whole number from <paramref name="Minimum"/> to <paramref name="Maximum"/> (in <paramref name="Unit"/>).</summary>
public sealed record IntegerOption(OptionGroup Group, string Name, string Value, string? EnvironmentVariable, string Meaning,
    int DefaultValue, int Minimum, int Maximum, string Unit)
    : OptionDefinition(Group, Name, Value, EnvironmentVariable, Meaning)
{
    public override string Default => DefaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
