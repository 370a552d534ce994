namespace Build.Context;

/// <summary>
/// An option whose value the parser checks or shapes in its own code (a path made absolute, a list checked against the
/// compose file, seconds made a <see cref="TimeSpan"/>) instead of taking it as read. The record's property is still
/// generated from the definition, of the option kind's type or of <paramref name="propertyType"/>, and is required: a
/// parser that does not set it does not compile.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ParsedByHandAttribute(Type? propertyType = null) : Attribute
{
    public Type? PropertyType { get; } = propertyType;

    /// <summary>The property of <see cref="PropertyType"/> is nullable: null when the option is not given.</summary>
    public bool Optional { get; init; }
}
