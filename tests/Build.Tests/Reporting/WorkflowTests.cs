using Build.Tests.Support;
using YamlDotNet.RepresentationModel;

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

    /// <summary>
    /// The layer cache goes through buildx's gha export, one scope per image, with a builder that can export it and the
    /// runtime token exposed after the tests (which expect none) and before the build; no docker save/load is left.
    /// </summary>
    [Test]
    public void Workflow_caches_layers_with_buildx_s_gha_export_instead_of_docker_save_and_load()
    {
        var steps = Steps();
        int Index(Func<YamlMappingNode, bool> match) => steps.FindIndex(step => match(step));
        bool Uses(YamlMappingNode step, string action) => Value(step, "uses")?.StartsWith(action + "@", StringComparison.Ordinal) ?? false;
        bool Runs(YamlMappingNode step, string text) => Value(step, "run")?.Contains(text, StringComparison.Ordinal) ?? false;

        var buildx = Index(step => Uses(step, "docker/setup-buildx-action"));
        var runtime = Index(step => Uses(step, "crazy-max/ghaction-github-runtime"));
        var tests = Index(step => Runs(step, "--target=Test"));
        var production = Index(step => Runs(step, "--target=Production"));
        var driverOptions = buildx < 0 ? null
            : ((YamlMappingNode)steps[buildx].Children[new YamlScalarNode("with")]).Children[new YamlScalarNode("driver-opts")].ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(buildx, Is.GreaterThanOrEqualTo(0).And.LessThan(production), "buildx is set up before the images are built");
            Assert.That(driverOptions, Is.EqualTo("network=host"), "the builder shares the runner's network, where the package index answers");
            Assert.That(runtime, Is.GreaterThan(tests).And.LessThan(production), "the token is exposed after the tests and before the build");
            Assert.That(Value(steps[production], "run"), Does.Contain("--build-cache=gha"));
            Assert.That(steps.Any(step => Runs(step, "docker compose version")), Is.True, "Compose v2 is the runner's");
            Assert.That(steps.Where(step => Runs(step, "docker save") || Runs(step, "docker load")), Is.Empty);
            Assert.That(File.ReadAllText(WorkflowPath), Does.Not.Contain("image-cache"), "no actions/cache of image archives");
        }
    }

    private static string WorkflowPath => Path.Combine(HostRun.RepositoryRoot, ".github", "workflows", "build.yml");

    private static List<YamlMappingNode> Steps()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(WorkflowPath))
        {
            yaml.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("jobs")];
        var build = (YamlMappingNode)jobs.Children[new YamlScalarNode("build")];
        return ((YamlSequenceNode)build.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
    }

    private static string? Value(YamlMappingNode step, string key) =>
        step.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
