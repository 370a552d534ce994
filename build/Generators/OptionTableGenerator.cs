using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Build.Generators;

/// <summary>
/// Writes what follows from a table of option definitions, so that an option is declared once, as a field of the table.
/// The table is a static partial class marked <c>[OptionTable(typeof(TRecord), typeof(TParser))]</c> whose fields are
/// <c>TextOption</c>, <c>SwitchOption</c>, <c>IntegerOption</c> or <c>ListOption</c> definitions. From it come:
/// <list type="bullet">
/// <item>the table's <c>All</c>: every definition, in the order declared;</item>
/// <item>on the record, one property per option, named as its field, typed by the option's kind (or by
/// <c>[ParsedByHand(typeof(T))]</c>), with the option's help as its doc;</item>
/// <item>on the parser, <c>ReadAsDeclared(options, reader)</c>: the record with every option that is not
/// <c>[ParsedByHand]</c> read through its definition.</item>
/// </list>
/// The property of an option parsed by hand is <c>required</c>, so a parser that forgets to set it does not compile.
/// Done at compile time, not by reflection at run time: the host is compiled ahead of time and fully trimmed.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OptionTableGenerator : IIncrementalGenerator
{
    private const string TableAttribute = "Build.Context.OptionTableAttribute";
    private const string ParsedByHandAttribute = "Build.Context.ParsedByHandAttribute";
    private const string Reader = "global::Build.Context.OptionReader";
    private const string Definition = "global::Build.Context.OptionDefinition";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The generated text itself is the pipeline's value: a string compares by content, so an edit elsewhere in the
        // host reuses the last output without writing it again.
        var sources = context.SyntaxProvider.ForAttributeWithMetadataName(
            TableAttribute,
            static (node, _) => node is ClassDeclarationSyntax,
            static (attributed, cancellation) => Generate(attributed, cancellation));
        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Text));
    }

    private static (string HintName, string Text) Generate(GeneratorAttributeSyntaxContext attributed, CancellationToken cancellation)
    {
        var table = (INamedTypeSymbol)attributed.TargetSymbol;
        var types = attributed.Attributes[0].ConstructorArguments;
        var record = (INamedTypeSymbol)types[0].Value!;
        var parser = (INamedTypeSymbol)types[1].Value!;
        var options = table.GetMembers().OfType<IFieldSymbol>()
            .Select(field => Read(field, attributed.SemanticModel.Compilation, cancellation))
            .Where(option => option is not null)
            .Select(option => option!)
            .ToList();
        return ($"{table.Name}.g.cs", Write(table, record, parser, options));
    }

    /// <summary>One field of the table, as far as the record and the parser need it; null for a field that is no option.</summary>
    private static Option? Read(IFieldSymbol field, Compilation compilation, CancellationToken cancellation)
    {
        if (!field.IsStatic || field.DeclaringSyntaxReferences.Length == 0 ||
            field.DeclaringSyntaxReferences[0].GetSyntax(cancellation) is not VariableDeclaratorSyntax { Initializer: { } initializer } ||
            !InheritsFrom(field.Type, Definition))
        {
            return null;
        }

        var model = compilation.GetSemanticModel(initializer.SyntaxTree);
        var arguments = model.GetOperation(initializer.Value, cancellation) is IObjectCreationOperation creation
            ? creation.Arguments.ToDictionary(argument => argument.Parameter!.Name, argument => argument.Value.ConstantValue)
            : [];
        string? Text(string parameter) => arguments.TryGetValue(parameter, out var value) && value.HasValue ? value.Value as string : null;

        var byHand = field.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == ParsedByHandAttribute);
        var handType = byHand?.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
        // Optional = true: the parser leaves the property null when the option is not given.
        var optional = byHand?.NamedArguments.Any(argument => argument.Key == "Optional" && argument.Value.Value is true) == true;
        return new Option(field.Name, field.Type.Name, Text("Name") ?? field.Name, Text("Meaning"), Text("DefaultValue") is not null,
            byHand is not null, handType is null ? null : handType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + (optional ? "?" : ""));
    }

    private static string Write(INamedTypeSymbol table, INamedTypeSymbol record, INamedTypeSymbol parser, IReadOnlyList<Option> options)
    {
        var tableName = table.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var recordName = record.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var text = new StringBuilder("// <auto-generated/> from the option definitions of ").Append(table.Name).Append(" by OptionTableGenerator.\n")
            .Append("#nullable enable\n");

        Open(text, table);
        // A property, not a field: the static fields of a partial class's parts are set in no defined order.
        text.Append("    private static global::System.Collections.Generic.IReadOnlyList<").Append(Definition).Append(">? _all;\n\n")
            .Append("    /// <summary>Every option of the table, in the order declared.</summary>\n")
            .Append("    public static global::System.Collections.Generic.IReadOnlyList<").Append(Definition).Append("> All => _all ??=\n    [\n");
        foreach (var option in options)
        {
            text.Append("        ").Append(option.Field).Append(",\n");
        }

        text.Append("    ];\n}\n}\n");

        Open(text, record);
        foreach (var option in options)
        {
            var meaning = option.Meaning is null ? "" : " " + Escape(option.Meaning);
            text.Append(option == options[0] ? "" : "\n")
                .Append("    /// <summary><c>--").Append(option.Name).Append("</c>:").Append(meaning).Append("</summary>\n    public ")
                .Append(option.ByHand ? "required " : "").Append(option.HandType ?? KindType(option)).Append(' ').Append(option.Field)
                .Append(" { get; init; }");
            if (!option.ByHand)
            {
                text.Append(DefaultInitializer(option, tableName));
            }

            text.Append('\n');
        }

        text.Append("}\n}\n");

        Open(text, parser);
        text.Append("    /// <summary>The options that go into the record as read: each through its definition.</summary>\n")
            .Append("    private static ").Append(recordName).Append(" ReadAsDeclared(").Append(recordName).Append(" options, ").Append(Reader)
            .Append(" reader) => options with\n    {\n");
        foreach (var option in options.Where(option => !option.ByHand))
        {
            text.Append("        ").Append(option.Field).Append(" = reader.Read(").Append(tableName).Append('.').Append(option.Field).Append(')')
                .Append(option is { Kind: "TextOption", HasDefault: true } ? "!" : "").Append(",\n");
        }

        return text.Append("    };\n}\n}\n").ToString();
    }

    /// <summary>The record property's type for an option's kind: what <c>OptionReader.Read</c> returns for it.</summary>
    private static string KindType(Option option) => option.Kind switch
    {
        "SwitchOption" => "bool",
        "IntegerOption" => "int",
        "ListOption" => "global::System.Collections.Generic.IReadOnlyList<string>",
        _ => option.HasDefault ? "string" : "string?",
    };

    /// <summary>What a record made without the parser holds: the definition's default, as <c>--help</c> states it.</summary>
    private static string DefaultInitializer(Option option, string table) => option.Kind switch
    {
        "ListOption" => " = [];",
        "TextOption" when !option.HasDefault => "",
        "TextOption" => $" = {table}.{option.Field}.DefaultValue!;",
        _ => $" = {table}.{option.Field}.DefaultValue;",
    };

    private static void Open(StringBuilder text, INamedTypeSymbol type)
    {
        text.Append("\nnamespace ").Append(type.ContainingNamespace.ToDisplayString()).Append("\n{\n")
            .Append(type.IsStatic ? "static " : "").Append("partial ").Append(type.IsRecord ? "record " : "class ").Append(type.Name).Append("\n{\n");
    }

    private static bool InheritsFrom(ITypeSymbol type, string baseName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == baseName)
            {
                return true;
            }
        }

        return false;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private sealed class Option(string field, string kind, string name, string? meaning, bool hasDefault, bool byHand, string? handType)
    {
        /// <summary>The field's name, which is also the record property's.</summary>
        public string Field { get; } = field;

        /// <summary>TextOption, SwitchOption, IntegerOption or ListOption.</summary>
        public string Kind { get; } = kind;

        /// <summary>The option's name on the command line, without the dashes.</summary>
        public string Name { get; } = name;

        /// <summary>The option's help; null where it is not a constant.</summary>
        public string? Meaning { get; } = meaning;

        /// <summary>Whether the definition has a default value (a text option then always has a value).</summary>
        public bool HasDefault { get; } = hasDefault;

        public bool ByHand { get; } = byHand;

        /// <summary>The record property's type named by <c>[ParsedByHand(typeof(T))]</c>; null for the kind's own.</summary>
        public string? HandType { get; } = handType;
    }
}
