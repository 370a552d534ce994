using System.Collections;
using System.Reflection;
using Build.Context;
using Build.Tests.Support;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

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

    /// <summary>
    /// Every option of the table has the record property of its field's name (written by the compiler), and the parser
    /// fills it: given a value unlike its default, each property holds something else than with no option given.
    /// </summary>
    [Test]
    public void The_parser_fills_the_property_of_every_option()
    {
        using var repository = new ScratchRepository();
        var python = Directory.CreateDirectory(repository.PathOf("python")).FullName;
        File.Copy(repository.PathOf("pyproject.toml"), Path.Combine(python, "pyproject.toml"));
        var signKey = repository.PathOf("cosign.key");
        var verifyKey = repository.PathOf("cosign.pub");
        File.WriteAllText(signKey, "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
        File.WriteAllText(verifyKey, "-----BEGIN PUBLIC KEY-----\n");
        var service = ComposeFileServices.Read(repository.PathOf(BuildOptionsParser.ComposeFileRelative))[0];
        string[] everyOption =
        [
            "--build-target=production", $"--python-project={python}", "--registry=127.0.0.1:5000/omninode", "--tag=extra",
            "--base-image=python:3.11-slim", "--builder-image=python:3.11", "--poetry-version=1.8.3", "--pull", "--no-cache", "--force",
            "--build-cache=local,dir=/tmp/layer-cache",
            "--parallel=false", "--docker=/opt/docker", "--poetry=/opt/poetry", "--project-engine=debian12", "--no-install",
            "--project-name=other", "--wait-timeout=30", "--down-on-failure", $"--scale={service}=2", "--volumes", "--swarm-init",
            "--with-registry-auth", "--registry-username=user", "--registry-password=secret", $"--sign-key={signKey}",
            $"--verify-key={verifyKey}", "--transparency-log", "--locked", "--report=artifacts/other.json", "--test-filter=TestCategory=Fast",
        ];
        // --password-stdin and --registry-password cannot be given together.
        string[] passwordFromStandardInput = [.. everyOption.Where(option => !option.StartsWith("--registry-password=", StringComparison.Ordinal)),
            "--password-stdin"];

        var none = Parse(repository.Root);
        var given = new[] { Parse(repository.Root, everyOption), Parse(repository.Root, passwordFromStandardInput) };

        var fields = typeof(OptionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => typeof(OptionDefinition).IsAssignableFrom(field.FieldType))
            .ToDictionary(field => (OptionDefinition)field.GetValue(null)!, field => field.Name);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fields.Keys, Is.EquivalentTo(OptionNames.All));
            foreach (var (option, field) in fields)
            {
                var property = typeof(BuildOptions).GetProperty(field);
                Assert.That(property, Is.Not.Null, $"--{option}: no BuildOptions.{field}");
                Assert.That(given.Select(options => Text(property?.GetValue(options))), Has.Some.Not.EqualTo(Text(property?.GetValue(none))),
                    $"--{option}: BuildOptions.{field} is the same given or not");
            }
        }
    }

    private static BuildOptions Parse(string root, params string[] arguments) =>
        BuildOptionsParser.Parse(new ParserContext(root, arguments, new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "" }), "BuildOrchestrator");

    /// <summary>A value as text: a list by its items, a path by its full path.</summary>
    private static string Text(object? value) => value switch
    {
        null => "null",
        string text => text,
        IEnumerable items => string.Join(",", items.Cast<object>()),
        _ => value.ToString() ?? "",
    };

    /// <summary>What the parser reads of a Cake context: the arguments, the environment (only the given variables), no cake.config.</summary>
    private sealed class ParserContext(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string> variables)
        : ICakeContext, ICakeEnvironment, ICakeConfiguration
    {
        public ICakeArguments Arguments { get; } = new CakeArguments(arguments.Select(argument => argument.TrimStart('-').Split('=', 2))
            .ToLookup(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "true", StringComparer.OrdinalIgnoreCase));

        public ICakeEnvironment Environment => this;
        public ICakeConfiguration Configuration => this;
        public DirectoryPath WorkingDirectory { get; set; } = new(workingDirectory);
        public string? GetEnvironmentVariable(string variable) => variables.GetValueOrDefault(variable);
        public IDictionary<string, string> GetEnvironmentVariables() => variables.ToDictionary();
        public string? GetValue(string key) => null;

        public IFileSystem FileSystem => throw new NotSupportedException();
        public IGlobber Globber => throw new NotSupportedException();
        public ICakeLog Log => throw new NotSupportedException();
        public IProcessRunner ProcessRunner => throw new NotSupportedException();
        public IRegistry Registry => throw new NotSupportedException();
        public IToolLocator Tools => throw new NotSupportedException();
        public ICakeDataResolver Data => throw new NotSupportedException();
        public DirectoryPath ApplicationRoot => throw new NotSupportedException();
        public ICakePlatform Platform => throw new NotSupportedException();
        public ICakeRuntime Runtime => throw new NotSupportedException();
        public DirectoryPath GetSpecialPath(SpecialPath path) => throw new NotSupportedException();
    }
}
