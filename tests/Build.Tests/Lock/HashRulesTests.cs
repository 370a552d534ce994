using System.Diagnostics;
using Build.Lock;
using Build.Tests.Support;
using NUnit.Framework;

namespace Build.Tests.Lock;

/// <summary>Agreement with the real Poetry (1.3.2 from Debian here) on small offline projects.</summary>
[Category("Poetry")]
[NonParallelizable]
public sealed class HashRulesTests
{
    private const string Library = """
        [tool.poetry]
        name = "libe"
        version = "0.1.0"
        description = "a local library"
        authors = ["Zoë <z@example.com>"]
        packages = []

        [tool.poetry.dependencies]
        python = "^3.9"

        [build-system]
        requires = ["poetry-core"]
        build-backend = "poetry.core.masonry.api"
        """;

    internal const string App = """
        [tool.poetry]
        name = "app"
        version = "0.1.0"
        description = "Приложение ✓ 🚀"
        authors = ["Zoë Ünïcode <z@example.com>"]
        packages = []

        [tool.poetry.dependencies]
        python = "^3.9"
        libe = { path = "../libe", develop = true, markers = "sys_platform == 'linux'" }

        [tool.poetry.group.dev.dependencies]
        libe = { path = "../libe" }

        [tool.poetry.extras]
        "ëxtra" = []

        [[tool.poetry.source]]
        name = "internal-ñ"
        url = "https://example.invalid/simple"
        secondary = true

        [build-system]
        requires = ["poetry-core"]
        build-backend = "poetry.core.masonry.api"
        """;

    private TestEnvironment.TempDirectory? template;
    private ProcessPoetryLocker? poetry;

    internal static string AppDirectory(string root) => Path.Combine(root, "app");

    /// <summary>Writes the library and app projects under <paramref name="root"/>.</summary>
    internal static void WriteProjects(string root, string app = App)
    {
        Directory.CreateDirectory(Path.Combine(root, "libe"));
        Directory.CreateDirectory(AppDirectory(root));
        File.WriteAllText(Path.Combine(root, "libe", "pyproject.toml"), Library);
        File.WriteAllText(Path.Combine(AppDirectory(root), "pyproject.toml"), app);
    }

    internal static ProcessPoetryLocker RequirePoetry(string home)
    {
        var locker = ProcessPoetryLocker.FindOnPath(home);
        if (locker?.Version is null)
        {
            TestEnvironment.IgnoreExceptOnCi("Poetry is not installed (apt-get install python3-poetry or pipx install poetry)");
        }

        return locker!;
    }

    [OneTimeSetUp]
    public void LockTemplate()
    {
        template = TestEnvironment.CreateTempDirectory();
        Directory.CreateDirectory(template.File("home"));
        poetry = ProcessPoetryLocker.FindOnPath(template.File("home"));
        if (poetry?.Version is null)
        {
            return;
        }

        WriteProjects(template.File("projects"));
        var (exitCode, output) = poetry.Run(AppDirectory(template.File("projects")), "lock", "--no-update");
        Assert.That(exitCode, Is.Zero, output);
    }

    [OneTimeTearDown]
    public void Cleanup() => template?.Dispose();

    private string CopyTemplate(TestEnvironment.TempDirectory into)
    {
        RequirePoetry(template!.File("home"));
        foreach (var file in Directory.EnumerateFiles(template.File("projects"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(into.Path, Path.GetRelativePath(template.File("projects"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return AppDirectory(into.Path);
    }

    private bool PoetrySaysFresh(string directory)
    {
        var (exitCode, output) = poetry!.Run(directory, "lock", "--check");
        TestContext.Out.WriteLine(output);
        return exitCode == 0;
    }

    [Test]
    public void Freshly_locked_project_is_fresh_for_both()
    {
        using var work = TestEnvironment.CreateTempDirectory();
        var app = CopyTemplate(work);
        var verdict = LockInspector.Inspect(app);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.State, Is.EqualTo(LockState.Fresh), verdict.Message);
            Assert.That(verdict.Rules, Is.EqualTo("Poetry 1.2–1.8 rules"));
            Assert.That(PoetrySaysFresh(app), Is.True);
        }
    }

    public static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData Edit(string name, bool relevant, Func<string, string> change) =>
            new TestCaseData(relevant, change).SetArgDisplayNames(name);

        yield return Edit("add a dependency", true,
            text => text.Replace("python = \"^3.9\"\n", "python = \"^3.9\"\nrequests = \"^2.31\"\n", StringComparison.Ordinal));
        yield return Edit("change a constraint", true, text => text.Replace("python = \"^3.9\"", "python = \"^3.10\"", StringComparison.Ordinal));
        yield return Edit("change a marker", true, text => text.Replace("sys_platform == 'linux'", "sys_platform == 'darwin'", StringComparison.Ordinal));
        yield return Edit("add a dev group dependency", true,
            text => text.Replace("[tool.poetry.group.dev.dependencies]\n", "[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n", StringComparison.Ordinal));
        yield return Edit("rename a source (non-ASCII)", true, text => text.Replace("internal-ñ", "internal-ö", StringComparison.Ordinal));
        yield return Edit("rename an extra (non-ASCII)", true, text => text.Replace("\"ëxtra\"", "\"éxtra\"", StringComparison.Ordinal));
        yield return Edit("rename the project", false, text => text.Replace("name = \"app\"", "name = \"renamed-app\"", StringComparison.Ordinal));
        yield return Edit("bump the version", false, text => text.Replace("version = \"0.1.0\"", "version = \"2.0.0\"", StringComparison.Ordinal));
        yield return Edit("change the non-ASCII description", false,
            text => text.Replace("Приложение", "Anwendung für Ärzte", StringComparison.Ordinal));
        yield return Edit("add comments", false,
            text => "# top comment\n" + text.Replace("python = \"^3.9\"", "python = \"^3.9\"  # why", StringComparison.Ordinal));
        yield return Edit("reformat an inline table as a table", false, text => text
            .Replace("libe = { path = \"../libe\", develop = true, markers = \"sys_platform == 'linux'\" }\n", "", StringComparison.Ordinal)
            .Replace("[tool.poetry.group.dev.dependencies]",
                "[tool.poetry.dependencies.libe]\nmarkers = \"sys_platform == 'linux'\"\ndevelop = true\npath = '../libe'\n\n" +
                "[tool.poetry.group.dev.dependencies]",
                StringComparison.Ordinal));
        yield return Edit("reorder keys and tables", false, text => text
            .Replace("python = \"^3.9\"\nlibe = { path = \"../libe\", develop = true, markers = \"sys_platform == 'linux'\" }",
                "libe = { markers = \"sys_platform == 'linux'\", develop = true, path = \"../libe\" }\npython = \"^3.9\"", StringComparison.Ordinal));
        yield return Edit("use CRLF line endings", false, text => text.ReplaceLineEndings("\r\n"));
    }

    [TestCaseSource(nameof(Edits))]
    public void Edit_is_judged_the_same_by_the_checker_and_by_poetry(bool relevant, Func<string, string> change)
    {
        using var work = TestEnvironment.CreateTempDirectory();
        var app = CopyTemplate(work);
        var pyprojectPath = Path.Combine(app, "pyproject.toml");
        var before = File.ReadAllText(pyprojectPath);
        var after = change(before);
        Assert.That(after, Is.Not.EqualTo(before), "the edit must change the file");
        File.WriteAllText(pyprojectPath, after);

        var verdict = LockInspector.Inspect(app);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.State, Is.EqualTo(relevant ? LockState.Stale : LockState.Fresh), verdict.Message);
            Assert.That(PoetrySaysFresh(app), Is.EqualTo(!relevant));
        }
    }

    [Test]
    public void Inspect_is_faster_than_asking_poetry()
    {
        using var work = TestEnvironment.CreateTempDirectory();
        var app = CopyTemplate(work);
        for (var warm = 0; warm < 10; warm++)
        {
            LockInspector.Inspect(app);
        }

        var inspect = new List<double>();
        for (var run = 0; run < 100; run++)
        {
            var clock = Stopwatch.StartNew();
            var verdict = LockInspector.Inspect(app);
            inspect.Add(clock.Elapsed.TotalMilliseconds);
            Assert.That(verdict.IsFresh, Is.True);
        }

        var check = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            Assert.That(PoetrySaysFresh(app), Is.True);
            check.Add(clock.Elapsed.TotalMilliseconds);
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        TestContext.Out.WriteLine(
            $"MEASURE LockInspector.Inspect median {Median(inspect):0.000} ms (100 warm runs); poetry lock --check median {Median(check):0} ms (5 runs)");
        Assert.That(Median(inspect), Is.LessThan(Median(check)));
    }
}
