using Build.Generators;
using Build.TaskFacts;
using Cake.Frosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Build.Tests.Generators;

/// <summary>
/// The task list the compiler writes for a <see cref="TaskListAttribute"/> class: every concrete, non-generic task class
/// of the compilation, whatever its namespace or base, file by file in declaration order, nothing else; each with the
/// attributes reflection reads for it (its base classes' inherited ones too), constructed in code.
/// </summary>
public sealed class TaskListGeneratorTests
{
    private const string Tasks = """
        using Cake.Frosting;

        namespace Sample.Tasks;

        [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
        public sealed class MarkAttribute(long level, System.Type? other, params string[] names) : System.Attribute
        {
            public long Level { get; } = level;

            public System.Type? Other { get; } = other;

            public string[] Names { get; } = names;

            public System.DayOfWeek Day { get; set; }
        }

        [TaskName("Two \"quoted\"")]
        [IsDependentOn(typeof(Third))]
        [Mark(-3, null, "a", "b", Day = System.DayOfWeek.Friday)]
        public sealed class Second : FrostingTask<FrostingContext>;

        [Mark(2, typeof(Second))]
        [TaskDescription("not inherited")]
        public abstract class Stage : FrostingTask<FrostingContext>
        {
            public override bool ShouldRun(FrostingContext context) => true;
        }

        public sealed class Third : Stage;

        public sealed class Generic<T> : FrostingTask<FrostingContext>;

        public sealed class Clock;

        public sealed class Fourth(Clock clock) : FrostingTask<FrostingContext>
        {
            public Clock Clock { get; } = clock;
        }

        public sealed class Fifth(Clock? clock = null) : FrostingTask<FrostingContext>
        {
            public Clock? Clock { get; } = clock;
        }

        public sealed class NoTask;
        """;

    private const string List = """
        using Build.TaskFacts;

        namespace Sample;

        public sealed class First : Cake.Frosting.AsyncFrostingTask<Cake.Frosting.FrostingContext>;

        [TaskList]
        public static partial class Catalog
        {
            public static Cake.Frosting.FrostingTaskClass[] All => TaskClassList();

            private static partial Cake.Frosting.FrostingTaskClass[] TaskClassList();
        }
        """;

    [Test]
    public void Every_concrete_task_class_is_listed_in_declaration_order()
    {
        var (diagnostics, generated, emitted, listed, _) = Compile();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(diagnostics, Is.Empty);
            Assert.That(generated.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning), Is.Empty);
            Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics));
            Assert.That(listed.Select(taskClass => taskClass.Type.FullName),
                Is.EqualTo(new[] { "Sample.First", "Sample.Tasks.Second", "Sample.Tasks.Third", "Sample.Tasks.Fourth", "Sample.Tasks.Fifth" }));
            foreach (var taskClass in listed)
            {
                var reflected = FrostingTaskClass.Reflected(taskClass.Type).Attributes
                    .Where(attribute => attribute.GetType().Namespace != "System.Runtime.CompilerServices");
                Assert.That(taskClass.Attributes.Select(Describe), Is.EqualTo(reflected.Select(Describe)), taskClass.Type.Name);
            }

            Assert.That(listed.Select(taskClass => taskClass.Attributes.Count), Is.EqualTo(new[] { 0, 3, 1, 0, 0 }),
                "Third inherits Mark, not the description");
            Assert.That(listed.Select(taskClass => string.Join(",", taskClass.Overridden!)), Is.EqualTo(new[] { "", "", "ShouldRun", "", "" }),
                "Third inherits Stage's override");
            Assert.That(listed.Select(taskClass => taskClass.Create is not null), Is.EqualTo(new[] { true, true, true, true, false }),
                "a constructor with an optional parameter is left to the container");
        }
    }

    [Test]
    public void A_task_is_made_by_its_generated_factory_from_the_services_its_constructor_names()
    {
        var (listed, assembly) = Listed();
        var clock = Activator.CreateInstance(assembly.GetType("Sample.Tasks.Clock")!)!;
        using var services = new ServiceCollection().AddSingleton(clock.GetType(), clock).BuildServiceProvider();

        var fourth = listed.Single(taskClass => taskClass.Type.Name == "Fourth").Create!(services);
        var third = listed.Single(taskClass => taskClass.Type.Name == "Third").Create!(services);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fourth.GetType().Name, Is.EqualTo("Fourth"));
            Assert.That(fourth.GetType().GetProperty("Clock")!.GetValue(fourth), Is.SameAs(clock));
            Assert.That(third.GetType().Name, Is.EqualTo("Third"));
        }
    }

    private static (FrostingTaskClass[] Listed, System.Reflection.Assembly Assembly) Listed()
    {
        var compiled = Compile();
        Assert.That(compiled.Emitted.Success, Is.True, string.Join("\n", compiled.Emitted.Diagnostics));
        return (compiled.Listed, compiled.Assembly!);
    }

    /// <summary>The sample compiled with the generator, and the list it wrote, loaded.</summary>
    private static (IReadOnlyList<Diagnostic> Diagnostics, Compilation Generated, Microsoft.CodeAnalysis.Emit.EmitResult Emitted,
        FrostingTaskClass[] Listed, System.Reflection.Assembly? Assembly) Compile()
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
        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        var assembly = emitted.Success ? System.Reflection.Assembly.Load(image.ToArray()) : null;
        var listed = assembly is null ? [] : (FrostingTaskClass[])assembly.GetType("Sample.Catalog")!.GetProperty("All")!.GetValue(null)!;
        return (diagnostics, generated, emitted, listed, assembly);
    }

    // An attribute's type and property values (arrays by their items), comparable across the two ways of making it.
    private static string Describe(Attribute attribute) => attribute.GetType().Name + "(" + string.Join(", ", attribute.GetType().GetProperties()
        .Where(property => property.Name != nameof(Attribute.TypeId)).OrderBy(property => property.Name, StringComparer.Ordinal)
        .Select(property => property.GetValue(attribute) is string[] items ? string.Join("|", items) : $"{property.GetValue(attribute)}")) + ")";
}
