namespace Build.Context;

/// <summary>
/// An option with one text value. <paramref name="DefaultValue"/> is what the parser uses when it is not given (null:
/// nothing); <paramref name="DefaultMeaning"/> says it in words where the value alone would not (else the value, or none).
/// </summary>
public sealed record TextOption(OptionGroup Group, string Name, string Value, string? EnvironmentVariable, string Meaning,
    string? DefaultValue = null, string? DefaultMeaning = null)
    : OptionDefinition(Group, Name, Value, EnvironmentVariable, Meaning)
{
    public override string Default => DefaultMeaning ?? DefaultValue ?? "none";
}
