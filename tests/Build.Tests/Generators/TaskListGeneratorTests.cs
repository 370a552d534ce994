using Build.Generators;
using Build.TaskFacts;
using Cake.Frosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Build.Tests.Generators;

/// <summary>
/// The task list the compiler writes for a <see cref="TaskListAttribute"/> class: every concrete, non-generic task class
/// of the compilation, whatever its namespace or base, file by file in declaration order; nothing else.
/// </summary>
public sealed class TaskListGeneratorTests
{
    private const string Tasks = """
        using Cake.Frosting;

        namespace Sample.Tasks;

        public sealed class Second : FrostingTask<FrostingContext>;

        public abstract class Stage : FrostingTask<FrostingContext>;

        public sealed class Third : Stage;

        public sealed class Generic<T> : FrostingTask<FrostingContext>;

        public sealed class NoTask;
        """;

    private const string List = """
        using Build.TaskFacts;

        namespace Sample;

        public sealed class First : Cake.Frosting.AsyncFrostingTask<Cake.Frosting.FrostingContext>;

        [TaskList]
        public static partial class Catalog
        {
            public static System.Type[] All => TaskTypes();

            private static partial System.Type[] TaskTypes();
        }
        """;

    [Test]
    public void Every_concrete_task_class_is_listed_in_declaration_order()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(TaskListAttribute).Assembly.Location)
            .Append(typeof(IFrostingTask).Assembly.Location)
            .Append(typeof(Cake.Core.ICakeContext).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Sample", [CSharpSyntaxTree.ParseText(List, parseOptions), CSharpSyntaxTree.ParseText(Tasks, parseOptions)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create([new TaskListGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var diagnostics);
        var written = generated.SyntaxTrees.Last().ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagnostics, Is.Empty);
            Assert.That(generated.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning), Is.Empty);
            Assert.That(written.Split('\n').Where(line => line.Contains("typeof(", StringComparison.Ordinal)).Select(line => line.Trim()),
                Is.EqualTo(new[] { "typeof(global::Sample.First),", "typeof(global::Sample.Tasks.Second),", "typeof(global::Sample.Tasks.Third)," }));
        }
    }
}
