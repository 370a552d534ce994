using Build.Tools;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace Build.Testing;

/// <summary>
/// Runs every test suite of the repository (each tests/*.Tests project with a TRX file, then Python's unittest) and
/// ends with one closing line of totals; a failed suite fails the run after all have run. The closing line goes to
/// <paramref name="closingLine"/>: standard output, plain and alone on its line (CI reads it), in a real run.
/// The dry run's side effects show the commands only: no folder, no TRX file, no count.
/// </summary>
public sealed class TestRun(ICommandRunner runner, ISideEffects effects, DirectoryPath root, string? filter, ICakeLog log, Action<string> closingLine)
{
    private DirectoryPath Results => root.Combine("artifacts/test-results");

    /// <summary>Makes the folder of the TRX files.</summary>
    public void PrepareResults() => effects.Make(() => Directory.CreateDirectory(Results.FullPath));

    /// <summary>Runs the suites; counts a suite that broke before reporting (a compile error, a crashed host) as one failure.</summary>
    public void Run()
    {
        var results = Results;
        var total = TestCounts.Zero;
        var failedSuites = new List<string>();
        foreach (var project in TestSuites.DotNetProjects(root.FullPath))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var trx = results.CombineWithFilePath($"{name}.trx");
            effects.Make(() =>
            {
                if (File.Exists(trx.FullPath))
                {
                    File.Delete(trx.FullPath);
                }
            });
            var exitCode = runner.RunUnchecked(TestSuites.DotNetTest(
                root, Path.GetRelativePath(root.FullPath, project).Replace('\\', '/'), trx.FullPath, filter, TestSuites.NativeHost));
            effects.Make(() => total += Counted(name, trx, exitCode, failedSuites));
        }

        if (Directory.Exists(root.Combine("tests/python").FullPath))
        {
            var output = new List<string>();
            var exitCode = runner.RunUnchecked(TestSuites.PythonEnvironment(root), Console.WriteLine);
            if (exitCode == 0)
            {
                exitCode = runner.RunUnchecked(TestSuites.PythonUnittest(root), line =>
                {
                    output.Add(line);
                    Console.WriteLine(line);
                });
            }

            effects.Make(() => total += CountedPython(output, exitCode, failedSuites));
        }

        effects.Make(() =>
        {
            closingLine(total.ClosingLine);
            if (failedSuites.Count > 0)
            {
                throw new CakeException(ExitCodes.Failed,
                    $"Tests failed in {string.Join(", ", failedSuites)} ({total.Failed} failed). The TRX files are in {results.FullPath}.");
            }
        });
    }

    /// <summary>One .NET suite's counts from its TRX file; a suite that broke before reporting counts as one failure.</summary>
    private TestCounts Counted(string name, FilePath trx, int exitCode, List<string> failedSuites) =>
        Judged(name, File.Exists(trx.FullPath) ? TestCounts.FromTrx(trx.FullPath) : TestCounts.Zero, exitCode, failedSuites);

    /// <summary>Python's counts from unittest's summary lines.</summary>
    private TestCounts CountedPython(List<string> output, int exitCode, List<string> failedSuites) =>
        Judged("python", TestCounts.FromUnittest(string.Join('\n', output)), exitCode, failedSuites, "python unittest");

    private TestCounts Judged(string suite, TestCounts counts, int exitCode, List<string> failedSuites, string? label = null)
    {
        if (exitCode != 0 && counts.Failed == 0)
        {
            // The run broke before reporting (a compile error, a crashed host): count the suite as one failure.
            counts = counts with { Failed = 1 };
        }

        log.Information("{0}: {1} passed, {2} failed, {3} skipped", label ?? suite, counts.Passed, counts.Failed, counts.Skipped);
        if (counts.Failed > 0)
        {
            failedSuites.Add(suite);
        }

        return counts;
    }
}
