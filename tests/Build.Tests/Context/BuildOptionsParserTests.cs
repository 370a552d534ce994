using Build.Tests.Support;

namespace Build.Tests.Context;

/// <summary>
/// Values that cannot work are bad input: one paragraph naming the value, exit code 2, before the first task (the
/// dry run prints no task), no stack trace and no file changed. Each row was accepted, or failed late, before.
/// </summary>
public sealed class BuildOptionsParserTests
{
    public sealed record BadValue(string Name, string[] Arguments, string Expected, string? Pyproject = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string EmptyFolder = Directory.CreateTempSubdirectory("bridge-no-pyproject-").FullName;

    public static IEnumerable<TestCaseData> Cases() => new BadValue[]
    {
        new("registry port above 65535", ["--registry=127.0.0.1:99999/x"], "99999"),
        new("registry port 0", ["--registry=127.0.0.1:0/x"], "port 0"),
        new("empty tag", ["--tag="], "--tag"),
        new("empty tag in a list", ["--tag=a,,b"], "--tag"),
        new("report under /proc", ["--report=/proc/x/y.json"], "/proc/x/y.json"),
        new("report is a folder", ["--report=deployment"], "deployment"),
        new("version that is not PEP 440", [], "not a version", "[tool.poetry]\nname = \"omninode-bridge\"\nversion = \"not a version\"\n"),
        new("password without username", ["--registry-password=secret"], "--registry-username"),
        new("password-stdin without username", ["--password-stdin"], "--registry-username"),
        new("two password sources", ["--registry-username=u", "--registry-password=p", "--password-stdin"], "--password-stdin"),
        new("empty docker client", ["--docker="], "--docker"),
        new("empty poetry", ["--poetry="], "--poetry"),
        new("unknown project engine", ["--project-engine=debian11"],
            "--project-engine=debian11 (or BRIDGE_PROJECT_ENGINE): unknown project engine. Valid project engines: debian13, debian12."),
        new("unknown build cache type", ["--build-cache=s3,bucket=x"],
            "--build-cache=s3,bucket=x (or BRIDGE_BUILD_CACHE): 's3' is not a cache type this build exports. Valid forms: " +
            "--build-cache=local,dir=PATH"),
        new("local build cache without its folder", ["--build-cache=local"], "type local needs the folder: dir=PATH"),
        new("gha build cache outside a workflow that exposes the runtime", ["--build-cache=gha"], "ACTIONS_RUNTIME_TOKEN"),
        new("poetry version that is not X.Y.Z", ["--poetry-version=banana"], "banana"),
        new("base image that is no reference", ["--base-image=Not A Ref"], "Not A Ref"),
        new("python project without pyproject.toml", [$"--python-project={EmptyFolder}"], "pyproject.toml"),
        new("Scale without counts", ["--target=Scale"], "--scale"),
        new("empty scale", ["--target=Scale", "--scale="], "--scale"),
        new("mistyped switch", ["--forse"], "--forse: unknown option. Did you mean --force?"),
        new("mistyped option with a value", ["--registy=127.0.0.1:5000/x"], "--registy: unknown option. Did you mean --registry?"),
        new("mistyped Cake option", ["--verbosty=quiet"], "Did you mean --verbosity?"),
    }.Select(item => new TestCaseData(item).SetArgDisplayNames(item.Name));

    [TestCaseSource(nameof(Cases))]
    public void A_value_that_cannot_work_is_named_before_the_first_task(BadValue item)
    {
        using var repository = new ScratchRepository();
        if (item.Pyproject is { } pyproject)
        {
            File.WriteAllText(repository.PathOf("pyproject.toml"), pyproject);
        }

        var before = repository.Snapshot();
        string[] arguments = item.Arguments.Any(argument => argument.StartsWith("--target=", StringComparison.Ordinal))
            ? [.. item.Arguments, "--dryrun"]
            : ["--target=Production", .. item.Arguments, "--dryrun"];
        var result = repository.RunInProcess(arguments);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
            Assert.That(result.All, Does.Contain(item.Expected));
            Assert.That(result.Output, Does.Not.Contain("1. EnsureLock").And.Not.Contain("1. ComposeUp").And.Not.Contain("1. BuildOrchestrator"));
            Assert.That(result.All, Does.Not.Contain("   at "));
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }

    [Test]
    public void A_version_that_is_not_PEP_440_names_its_line()
    {
        using var repository = new ScratchRepository();
        File.WriteAllText(repository.PathOf("pyproject.toml"), "[tool.poetry]\nname = \"omninode-bridge\"\nversion = \"not a version\"\n");
        var result = repository.RunInProcess("--target=Production", "--dryrun");
        Assert.That(result.All, Does.Contain("pyproject.toml:3"));
    }
}
