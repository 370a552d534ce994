namespace Build.Context;

/// <summary>An on/off option: <c>--force</c>, <c>--force=false</c>; <paramref name="DefaultValue"/> when not given.</summary>
public sealed record SwitchOption(OptionGroup Group, string Name, string? EnvironmentVariable, string Meaning, bool DefaultValue = false, string? Value = null)
    : OptionDefinition(Group, Name, Value, EnvironmentVariable, Meaning)
{
    public override string Default => DefaultValue ? "true" : "off";
}
