namespace Build.Context;

/// <summary>
/// Marks the table of option definitions from which the compiler writes, for each option, the property of
/// <paramref name="record"/> and the assignment in <paramref name="parser"/>'s <c>ReadAsDeclared</c> (build/Generators).
/// The table's fields are then the one place an option is written; <see cref="ParsedByHandAttribute"/> marks the options
/// whose values the parser checks or shapes itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OptionTableAttribute(Type record, Type parser) : Attribute
{
    public Type Record { get; } = record;

    public Type Parser { get; } = parser;
}
