using Build.Tests.Support;

namespace Build.Tests.Reporting;

/// <summary>
/// .github/workflows/build.yml against GitHub's workflow schema, with @action-validator/cli from tests/workflow
/// (installed there by `npm ci`). Ignored with a reason without node or the installed validator; fails on a CI.
/// </summary>
[Category("Workflow")]
public sealed class WorkflowTests
{
    private static string Validator => Path.Combine(HostRun.RepositoryRoot, "tests", "workflow", "node_modules", ".bin", "action-validator");

    [SetUp]
    public void NeedsTheValidator()
    {
        if (TestEnvironment.FindOnPath("node") is null)
        {
            TestEnvironment.IgnoreExceptOnCi("node is not installed: the workflow cannot be validated (apt-get install nodejs npm).");
        }

        if (!File.Exists(Validator))
        {
            TestEnvironment.IgnoreExceptOnCi("The workflow validator is not installed: run `npm ci --prefix tests/workflow`.");
        }
    }

    [Test]
    public void Build_workflow_is_valid_against_the_github_workflow_schema()
    {
        var (exitCode, output, error) = TestEnvironment.Run(Validator, [".github/workflows/build.yml"], HostRun.RepositoryRoot);
        Assert.That(exitCode, Is.Zero, output + error);
    }

    [Test]
    public void Validator_rejects_a_workflow_that_breaks_the_schema()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(broken, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n");
        try
        {
            var (exitCode, output, error) = TestEnvironment.Run(Validator, [broken], HostRun.RepositoryRoot);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(exitCode, Is.Not.Zero);
                Assert.That(output + error, Does.Contain("stepz"));
            }
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Test]
    public void Workflow_runs_the_build_targets_in_order_and_pushes_only_from_the_default_branch()
    {
        var workflow = File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, ".github", "workflows", "build.yml"));
        var steps = new[] { "--target=EnsureLock --locked", "--target=Test", "--target=Production", "--target=Push" }
            .Select(step => workflow.IndexOf("./build.sh " + step, StringComparison.Ordinal)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(steps, Is.All.GreaterThanOrEqualTo(0));
            Assert.That(steps, Is.Ordered);
            Assert.That(workflow, Does.Contain("global-json-file: global.json"));
            Assert.That(workflow, Does.Contain("github.event.repository.default_branch"));
            Assert.That(workflow, Does.Contain("REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}"));
            Assert.That(workflow, Does.Not.Contain("--registry-password"), "the password travels in the environment, never on a command line");
        }
    }
}
