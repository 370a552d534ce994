using Build.Testing;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Test))]
[TaskDescription("Runs every test suite of the repository (NUnit under tests/, Python unittest under tests/python) and prints one closing line with the totals.")]
public sealed class Test : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var suites = new TestRun(context.Runner, context.Options.RepositoryRoot, context.Options.TestFilter, context.Log, Console.WriteLine);
        suites.PrepareResults();
        Provision(context);
        suites.Run();
    }

    /// <summary>What the suites need, found or installed first, as Production does: packages, engine, base images, the workflow validator.</summary>
    private static void Provision(BuildContext context)
    {
        var engineTests = TestPrerequisites.NeedsEngine(context.Options.TestFilter);
        if (!context.Runner.DryRun)
        {
            context.Installer.Ensure(TestPrerequisites.Packages(engineTests, context.Environment.GetEnvironmentVariable("CI") is { Length: > 0 }), "Running the test suites");
            if (engineTests)
            {
                _ = context.EngineInUse;
                context.LocalBaseImages.BuildWhenMissing(context.ImageInputs.MissingImages(context.LocalBaseImages.Names));
            }
        }

        var workflow = context.Options.RepositoryRoot.Combine("tests/workflow");
        if (File.Exists(workflow.CombineWithFilePath("package-lock.json").FullPath) && !Directory.Exists(workflow.Combine("node_modules").FullPath))
        {
            context.Runner.Run(TestPrerequisites.NpmCi(workflow));
        }

        if (!File.Exists(TestPrerequisites.PowerShellFolder(context.Options.RepositoryRoot).CombineWithFilePath("pwsh").FullPath))
        {
            context.Runner.Run(TestPrerequisites.PowerShell(context.Options.RepositoryRoot));
        }
    }
}
