using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Build.Generators;

/// <summary>
/// Writes the list of the host's task classes with their attributes, so that no start enumerates the assembly's types
/// or reads an attribute by reflection: both were large parts of a native host's start-up (docs/performance.md, "Warm
/// start"; a native host resolves every type an attribute names from metadata). The list is the body of a
/// <c>static partial Cake.Frosting.FrostingTaskClass[] TaskClassList()</c> of a class marked <c>[TaskList]</c>: every
/// non-abstract, non-generic class of the assembly that implements <c>Cake.Frosting.IFrostingTask</c>, in the order the
/// compiler declares the types (the order <c>Assembly.GetTypes()</c> gave, which Cake registers the tasks in), each
/// with the attributes <c>GetCustomAttributes(inherit: true)</c> gives, written as constructor calls. Tests hold both
/// equal to what reflection finds.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TaskListGenerator : IIncrementalGenerator
{
    private const string ListAttribute = "Build.TaskFacts.TaskListAttribute";
    private const string TaskInterface = "Cake.Frosting.IFrostingTask";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var lists = context.SyntaxProvider.ForAttributeWithMetadataName(
            ListAttribute,
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
            static (attributed, _) => (INamedTypeSymbol)attributed.TargetSymbol);
        // The tasks are read from the whole compilation (a task is any file): compared as text, so an edit that adds
        // or removes no task writes nothing again.
        var sources = lists.Combine(context.CompilationProvider)
            .Select(static (pair, cancellation) => (HintName: $"{pair.Left.Name}.TaskTypes.g.cs", Text: Write(pair.Left, Tasks(pair.Right, cancellation))));
        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Text));
    }

    /// <summary>
    /// The task classes of the compilation's own source, in declaration order (file by file, then by position), each as
    /// the C# expression that makes its FrostingTaskClass.
    /// </summary>
    private static List<string> Tasks(Compilation compilation, CancellationToken cancellation)
    {
        var task = compilation.GetTypeByMetadataName(TaskInterface);
        var found = new List<(int Tree, int Position, string Class)>();
        var trees = compilation.SyntaxTrees.Select((tree, index) => (tree, index)).ToDictionary(pair => pair.tree, pair => pair.index);
        foreach (var type in TypesOf(compilation.Assembly.GlobalNamespace))
        {
            cancellation.ThrowIfCancellationRequested();
            if (task is not null && type is { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false }
                && type.AllInterfaces.Contains(task, SymbolEqualityComparer.Default) && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                found.Add((trees[location.SourceTree!], location.SourceSpan.Start, TaskClass(type)));
            }
        }

        return [.. found.OrderBy(entry => entry.Tree).ThenBy(entry => entry.Position).Select(entry => entry.Class)];
    }

    private static string TaskClass(INamedTypeSymbol type) =>
        $"new(typeof({Name(type)}), [{string.Join(", ", AttributesOf(type).Select(Construction))}], " +
        $"[{string.Join(", ", Overridden(type).Select(name => SymbolDisplay.FormatLiteral(name, quote: true)))}], {Factory(type)})";

    /// <summary>
    /// The task's constructor call with each parameter a required service, for a class with one public constructor
    /// whose parameters are all plain services (what the container would call, found without reflecting over the
    /// constructors); "null" otherwise, and the container finds the constructor itself.
    /// </summary>
    private static string Factory(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors.Where(constructor => constructor.DeclaredAccessibility == Accessibility.Public).ToList();
        if (constructors.Count != 1 || constructors[0].Parameters.Any(parameter => parameter.HasExplicitDefaultValue || parameter.IsParams
            || parameter.RefKind != RefKind.None))
        {
            return "null";
        }

        var arguments = constructors[0].Parameters.Select(parameter =>
            $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{Name(parameter.Type)}>(services)");
        return $"static services => new {Name(type)}({string.Join(", ", arguments)})";
    }

    // The members of a Frosting task that Cake runs when overridden (Cake.Frosting.FrostingTaskClass.Members).
    private static readonly string[] Members = ["ShouldRun", "Run", "RunAsync", "OnError", "Finally"];

    /// <summary>
    /// Which of <see cref="Members"/> the class or one of its bases overrides, in that list's order: an override whose
    /// chain of overridden methods starts at Frosting's FrostingTask&lt;T&gt; or AsyncFrostingTask&lt;T&gt;.
    /// </summary>
    private static IEnumerable<string> Overridden(INamedTypeSymbol type)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var ancestor = type; ancestor is not null && !IsFrostingBase(ancestor); ancestor = ancestor.BaseType)
        {
            foreach (var method in ancestor.GetMembers().OfType<IMethodSymbol>().Where(method => method.IsOverride && Members.Contains(method.Name)))
            {
                var root = method;
                while (root.OverriddenMethod is { } overridden)
                {
                    root = overridden;
                }

                if (IsFrostingBase(root.ContainingType))
                {
                    found.Add(method.Name);
                }
            }
        }

        return Members.Where(found.Contains);
    }

    private static bool IsFrostingBase(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() is "Cake.Frosting.FrostingTask<T>" or "Cake.Frosting.AsyncFrostingTask<T>";

    /// <summary>
    /// What reflection's <c>GetCustomAttributes(inherit: true)</c> gives for a class: its own attributes, then those of
    /// each base class whose usage says Inherited (the default), but not a second one of a type that allows one only.
    /// </summary>
    private static List<AttributeData> AttributesOf(INamedTypeSymbol type)
    {
        var attributes = new List<AttributeData>(type.GetAttributes().Where(Readable));
        for (var ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            foreach (var attribute in ancestor.GetAttributes().Where(Readable))
            {
                var (allowMultiple, inherited) = Usage(attribute.AttributeClass!);
                if (inherited && (allowMultiple ||
                    !attributes.Any(known => SymbolEqualityComparer.Default.Equals(known.AttributeClass, attribute.AttributeClass))))
                {
                    attributes.Add(attribute);
                }
            }
        }

        return attributes;
    }

    // An attribute that the generated code can construct: a class the compiler knows, with a constructor it resolved.
    private static bool Readable(AttributeData attribute) =>
        attribute is { AttributeClass: { TypeKind: TypeKind.Class } attributeClass, AttributeConstructor: not null }
        && attributeClass.DeclaredAccessibility == Accessibility.Public;

    private static (bool AllowMultiple, bool Inherited) Usage(INamedTypeSymbol attributeClass)
    {
        for (var type = attributeClass; type is not null; type = type.BaseType)
        {
            if (type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.AttributeUsageAttribute") is { } usage)
            {
                var named = usage.NamedArguments.ToDictionary(pair => pair.Key, pair => pair.Value.Value);
                return (named.TryGetValue("AllowMultiple", out var multiple) && multiple is true,
                    !named.TryGetValue("Inherited", out var inherited) || inherited is not false);
            }
        }

        return (false, true);
    }

    private static string Construction(AttributeData attribute)
    {
        var parameters = attribute.AttributeConstructor!.Parameters;
        var arguments = attribute.ConstructorArguments.Select((argument, index) => Value(argument, parameters[index].Type));
        var text = $"new {Name(attribute.AttributeClass!)}({string.Join(", ", arguments)})";
        return attribute.NamedArguments.Length == 0
            ? text
            : text + " { " + string.Join(", ", attribute.NamedArguments.Select(pair => $"{pair.Key} = {Value(pair.Value, pair.Value.Type!)}")) + " }";
    }

    // A constant of an attribute's argument as C#, cast to the parameter's type so that the same constructor is chosen.
    private static string Value(TypedConstant constant, ITypeSymbol type) => constant switch
    {
        { IsNull: true } => $"({Name(type)})null!",
        { Kind: TypedConstantKind.Array } => $"new {Name(((IArrayTypeSymbol)constant.Type!).ElementType)}[] " +
            $"{{ {string.Join(", ", constant.Values.Select(value => Value(value, value.Type!)))} }}",
        { Kind: TypedConstantKind.Type } => $"typeof({Name((ITypeSymbol)constant.Value!)})",
        { Kind: TypedConstantKind.Enum } => $"({Name(constant.Type!)})({constant.Value})",
        { Value: string text } => SymbolDisplay.FormatLiteral(text, quote: true),
        _ => $"({Name(type)})({constant.ToCSharpString()})",
    };

    private static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceSymbol space)
    {
        foreach (var member in space.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in TypesOf(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
            }
        }
    }

    private static string Write(INamedTypeSymbol list, IReadOnlyList<string> tasks)
    {
        var text = new StringBuilder();
        text.AppendLine("// <auto-generated/> by Build.Generators.TaskListGenerator from the task classes of this assembly.");
        text.AppendLine("#nullable enable");
        text.AppendLine($"namespace {list.ContainingNamespace.ToDisplayString()};");
        text.AppendLine();
        text.AppendLine($"partial class {list.Name}");
        text.AppendLine("{");
        text.AppendLine("    private static partial global::Cake.Frosting.FrostingTaskClass[] TaskClassList() =>");
        text.AppendLine("    [");
        foreach (var task in tasks)
        {
            text.AppendLine($"        {task},");
        }

        text.AppendLine("    ];");
        text.AppendLine("}");
        return text.ToString();
    }
}
