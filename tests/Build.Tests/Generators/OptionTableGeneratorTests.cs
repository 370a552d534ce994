using System.Runtime.Loader;
using Build.Context;
using Build.Generators;
using Cake.Core;
using Cake.Core.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Build.Tests.Generators;

/// <summary>
/// What the compiler writes from a small option table: the record's properties (typed by the option's kind, or as
/// <see cref="ParsedByHandAttribute"/> says, with the help as doc), the parser's reading of the options taken as read,
/// and the table's <c>All</c>.
/// </summary>
public sealed class OptionTableGeneratorTests
{
    private const string Table = """
        using Build.Context;

        namespace Sample;

        [OptionTable(typeof(SampleOptions), typeof(SampleParser))]
        public static partial class SampleTable
        {
            public static readonly SwitchOption Force = new(OptionGroup.Images, "force", null, "Build even when <nothing> changed.");

            public static readonly IntegerOption Retries = new(OptionGroup.Stack, "retries", "N", null, "How often to try.",
                DefaultValue: 3, Minimum: 1, Maximum: 9, Unit: "tries");

            public static readonly TextOption Client = new(OptionGroup.Tools, "client", "PATH", "SAMPLE_CLIENT", "The client" + " to run.",
                DefaultValue: "docker");

            public static readonly TextOption Filter = new(OptionGroup.Output, "filter", "EXPR", null, "What to run.");

            public static readonly ListOption Tags = new(OptionGroup.Images, "tag", "EXTRA", null, "Extra tags.");

            [ParsedByHand(typeof(System.TimeSpan))]
            public static readonly IntegerOption Timeout = new(OptionGroup.Stack, "timeout", "SECONDS", null, "How long to wait.",
                DefaultValue: 120, Minimum: 1, Maximum: 3600, Unit: "seconds");

            [ParsedByHand]
            public static readonly TextOption Registry = new(OptionGroup.Images, "registry", "HOST", null, "Where images go.");
        }

        public sealed partial record SampleOptions
        {
        }

        public static partial class SampleParser
        {
            public static SampleOptions Parse(OptionReader reader) => ReadAsDeclared(new SampleOptions
            {
                Timeout = System.TimeSpan.FromSeconds(reader.Read(SampleTable.Timeout)),
                Registry = reader.Read(SampleTable.Registry)?.TrimEnd('/'),
            }, reader);
        }
        """;

    [Test]
    public void Each_option_becomes_a_property_typed_by_its_kind_with_its_help_as_doc()
    {
        var compilation = Generate(Table);
        var record = compilation.GetTypeByMetadataName("Sample.SampleOptions")!;
        var properties = record.GetMembers().OfType<IPropertySymbol>().Where(property => !property.IsImplicitlyDeclared)
            .Select(property => $"{(property.IsRequired ? "required " : "")}{property.Type.ToDisplayString()} {property.Name}: " +
                Summary(property.GetDocumentationCommentXml()));

        Assert.That(properties, Is.EqualTo(new[]
        {
            "bool Force: <c>--force</c>: Build even when &lt;nothing&gt; changed.",
            "int Retries: <c>--retries</c>: How often to try.",
            "string Client: <c>--client</c>: The client to run.",
            "string? Filter: <c>--filter</c>: What to run.",
            "System.Collections.Generic.IReadOnlyList<string> Tags: <c>--tag</c>: Extra tags.",
            "required System.TimeSpan Timeout: <c>--timeout</c>: How long to wait.",
            "required string? Registry: <c>--registry</c>: Where images go.",
        }));
    }

    [Test]
    public void The_parser_reads_the_options_taken_as_read_and_the_table_lists_all_in_order()
    {
        var sample = Load(Generate(Table));
        var reader = Reader("--force", "--retries=5", "--tag=a", "--tag=b", "--timeout=7", "--registry=example/");

        var options = sample.GetType("Sample.SampleParser")!.GetMethod("Parse")!.Invoke(null, [reader])!;
        var all = (IReadOnlyList<OptionDefinition>)sample.GetType("Sample.SampleTable")!.GetProperty("All")!.GetValue(null)!;

        object? Value(string property) => options.GetType().GetProperty(property)!.GetValue(options);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.Errors, Is.Empty);
            Assert.That(Value("Force"), Is.True);
            Assert.That(Value("Retries"), Is.EqualTo(5));
            Assert.That(Value("Client"), Is.EqualTo("docker"), "not given: the definition's default");
            Assert.That(Value("Filter"), Is.Null);
            Assert.That(Value("Tags"), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(Value("Timeout"), Is.EqualTo(TimeSpan.FromSeconds(7)), "set by the parser's own code");
            Assert.That(Value("Registry"), Is.EqualTo("example"), "set by the parser's own code");
            Assert.That(all.Select(option => option.Name), Is.EqualTo(new[] { "force", "retries", "client", "filter", "tag", "timeout", "registry" }));
        }
    }

    [Test]
    public void A_parser_that_does_not_set_an_option_parsed_by_hand_does_not_compile()
    {
        var forgetful = Table.Replace("Registry = reader.Read(SampleTable.Registry)?.TrimEnd('/'),", "", StringComparison.Ordinal);
        Assert.That(forgetful, Is.Not.EqualTo(Table));

        var errors = Generate(forgetful, requireSuccess: false).GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

        Assert.That(errors.Select(error => $"{error.Id} {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"),
            Is.EqualTo(new[] { "CS9035 Required member 'SampleOptions.Registry' must be set in the object initializer or attribute constructor." }));
    }

    /// <summary>The table compiled against the build host with the generator's output added.</summary>
    private static Compilation Generate(string source, bool requireSuccess = true)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(OptionNames).Assembly.Location)
            .Append(typeof(ICakeArguments).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Sample", [CSharpSyntaxTree.ParseText(source, parseOptions)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create([new OptionTableGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        Assert.That(generatorDiagnostics, Is.Empty);
        if (requireSuccess)
        {
            Assert.That(generated.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning), Is.Empty);
        }

        return generated;
    }

    private static System.Reflection.Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        // Its own context, so the sample goes with the test; Build.dll resolves to the one already loaded.
        return new AssemblyLoadContext("option-table-sample", isCollectible: true).LoadFromStream(image);
    }

    private static OptionReader Reader(params string[] arguments) => new(
        new CakeArguments(arguments.Select(argument => argument.TrimStart('-').Split('=', 2))
            .ToLookup(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "true", StringComparer.OrdinalIgnoreCase)),
        _ => null,
        new NoConfiguration());

    private static string Summary(string? documentation) =>
        documentation is null ? "" : System.Xml.Linq.XElement.Parse(documentation).Element("summary")!.Nodes().Aggregate("", (text, node) => text + node);

    private sealed class NoConfiguration : ICakeConfiguration
    {
        public string? GetValue(string key) => null;
    }
}
