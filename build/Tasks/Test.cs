using Build.Testing;
using Build.Tools;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Test))]
[TaskDescription("Runs every test suite of the repository (NUnit under tests/, Python unittest under tests/python) and prints one closing line with the totals.")]
public sealed class Test : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var root = context.Options.RepositoryRoot;
        var results = root.Combine("artifacts/test-results");
        if (!context.Runner.DryRun)
        {
            Directory.CreateDirectory(results.FullPath);
        }

        var total = TestCounts.Zero;
        var failedSuites = new List<string>();
        foreach (var project in TestSuites.DotNetProjects(root.FullPath))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var trx = results.CombineWithFilePath($"{name}.trx");
            if (!context.Runner.DryRun && File.Exists(trx.FullPath))
            {
                File.Delete(trx.FullPath);
            }

            var exitCode = context.Runner.RunUnchecked(TestSuites.DotNetTest(root, context.Relative(project), trx.FullPath, context.Options.TestFilter, TestSuites.NativeHost));
            if (context.Runner.DryRun)
            {
                continue;
            }

            var counts = File.Exists(trx.FullPath) ? TestCounts.FromTrx(trx.FullPath) : TestCounts.Zero;
            if (exitCode != 0 && counts.Failed == 0)
            {
                // The run broke before reporting (a compile error, a crashed host): count the suite as one failure.
                counts = counts with { Failed = 1 };
            }

            context.Log.Information("{0}: {1} passed, {2} failed, {3} skipped", name, counts.Passed, counts.Failed, counts.Skipped);
            total += counts;
            if (counts.Failed > 0)
            {
                failedSuites.Add(name);
            }
        }

        if (Directory.Exists(root.Combine("tests/python").FullPath))
        {
            var output = new List<string>();
            var exitCode = context.Runner.RunUnchecked(TestSuites.PythonUnittest(root), line =>
            {
                output.Add(line);
                Console.WriteLine(line);
            });
            if (!context.Runner.DryRun)
            {
                var counts = TestCounts.FromUnittest(string.Join('\n', output));
                if (exitCode != 0 && counts.Failed == 0)
                {
                    counts = counts with { Failed = 1 };
                }

                context.Log.Information("python unittest: {0} passed, {1} failed, {2} skipped", counts.Passed, counts.Failed, counts.Skipped);
                total += counts;
                if (counts.Failed > 0)
                {
                    failedSuites.Add("python");
                }
            }
        }

        if (context.Runner.DryRun)
        {
            return;
        }

        Console.WriteLine(total.ClosingLine);
        if (failedSuites.Count > 0)
        {
            throw new CakeException(ExitCodes.Failed, $"Tests failed in {string.Join(", ", failedSuites)} ({total.Failed} failed). The TRX files are in {results.FullPath}.");
        }
    }
}
