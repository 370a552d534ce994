using Build.Images;
using Build.Provisioning;
using Build.Testing;
using Build.Tools;
using Build.Tools.Docker;
using Build.TaskFacts;
using Cake.Frosting;

namespace Build.Tasks;

[TaskName(nameof(Test))]
[TaskDescription("Runs every test suite of the repository (NUnit under tests/, Python unittest under tests/python) " +
    "and prints one closing line with the totals.")]
[IsDependentOn(typeof(PackageIndex))]
[LeavesWhenInterrupted("The test results are partial: run Test again.")]
public sealed class Test(
    ICommandRunner runner, ISideEffects effects, PackageInstaller installer, IEngineSession engine, LocalBaseImages localBaseImages, ImageInputs images)
    : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var suites = new TestRun(runner, effects, context.Options.RepositoryRoot, context.Options.TestFilter, context.Log, Console.WriteLine);
        suites.PrepareResults();
        Provision(context);
        suites.Run();
    }

    /// <summary>What the suites need, found or installed first, as Production does: packages, engine, base images, the workflow validator.</summary>
    private void Provision(BuildContext context)
    {
        var engineTests = TestPrerequisites.NeedsEngine(context.Options.TestFilter);
        effects.Make(() =>
        {
            var onCi = context.Environment.GetEnvironmentVariable("CI") is { Length: > 0 };
            installer.Ensure(TestPrerequisites.Packages(engineTests, onCi), "Running the test suites");
            if (engineTests)
            {
                _ = engine.Engine;
                localBaseImages.BuildWhenMissing(images.MissingImages(localBaseImages.Names));
                var poetry2 = LocalBaseImagePair.Debian13;
                localBaseImages.BuildPair(poetry2, images.MissingImages([poetry2.RuntimeImage, poetry2.BuilderImage]),
                    $"the suites lock with Poetry {poetry2.Poetry} in {poetry2.BuilderImage}");
            }
        });

        var workflow = context.Options.RepositoryRoot.Combine("tests/workflow");
        if (File.Exists(workflow.CombineWithFilePath("package-lock.json").FullPath) && !Directory.Exists(workflow.Combine("node_modules").FullPath))
        {
            runner.Run(TestPrerequisites.NpmCi(workflow));
        }

        if (!File.Exists(TestPrerequisites.PowerShellFolder(context.Options.RepositoryRoot).CombineWithFilePath("pwsh").FullPath))
        {
            runner.Run(TestPrerequisites.PowerShell(context.Options.RepositoryRoot));
        }
    }
}
