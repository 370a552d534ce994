using System.Security.Cryptography;
using System.Text;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// The order the engine is looked for in, with real unix sockets: each candidate is a socket served by the test
/// that answers <c>/version</c> with its own name, or a socket path nobody listens on.
/// </summary>
public sealed class EngineResolverTests
{
    private string _directory = null!;
    private readonly List<CannedEngine> _engines = [];

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("engine-order-").FullName;

    [TearDown]
    public void Stop()
    {
        _engines.ForEach(engine => engine.Dispose());
        _engines.Clear();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A socket that answers as an engine of version <paramref name="name"/>, or (answers: false) a path nobody serves.</summary>
    private string Socket(string name, bool answers)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        var path = Path.Combine(folder, "docker.sock");
        if (answers)
        {
            _engines.Add(new CannedEngine(path, _ => CannedEngine.Http(200, $$"""{"Version":"{{name}}"}""")));
        }

        return path;
    }

    private static IEnumerable<TestCaseData> Orders()
    {
        yield return new TestCaseData(true, false, true, true, EngineSource.DockerHost, "host").SetName("DOCKER_HOST_wins_when_it_answers");
        yield return new TestCaseData(false, true, true, true, EngineSource.Context, "context").SetName("The_chosen_context_wins_when_it_answers");
        yield return new TestCaseData(false, false, true, true, EngineSource.DefaultSocket, "default").SetName("The_default_socket_comes_next");
        yield return new TestCaseData(false, false, false, true, EngineSource.ProjectEngine, "project").SetName("A_running_project_engine_comes_last");
    }

    [TestCaseSource(nameof(Orders))]
    public void The_first_engine_that_answers_is_used(
        bool dockerHost, bool context, bool defaultSocket, bool projectEngine, EngineSource source, string version)
    {
        var variables = new Dictionary<string, string?> { ["HOME"] = _directory };
        if (dockerHost)
        {
            variables["DOCKER_HOST"] = "unix://" + Socket("host", answers: true);
        }

        if (context)
        {
            variables["DOCKER_CONFIG"] = ContextStore("lab", "unix://" + Socket("context", answers: true));
        }

        var resolver = Resolver(variables, Socket("default", defaultSocket), Socket("project", projectEngine),
            (_, _) => Assert.Fail("nothing is installed when an engine answers"));

        var engine = resolver.Resolve();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.Source, Is.EqualTo(source));
            Assert.That(engine.Version, Is.EqualTo(version));
            Assert.That(engine.Endpoint.Url, Is.EqualTo("unix://" + Path.Combine(_directory, version, "docker.sock")));
        }
    }

    private static IEnumerable<TestCaseData> NamedEnginesThatDoNotAnswer()
    {
        yield return new TestCaseData(true, "DOCKER_HOST=unix://{0}/gone/docker.sock", "unset DOCKER_HOST")
            .SetName("A_DOCKER_HOST_that_does_not_answer_is_an_error_naming_it");
        yield return new TestCaseData(false, "the docker context lab", "docker context use default")
            .SetName("A_chosen_context_that_does_not_answer_is_an_error_naming_it");
    }

    [TestCaseSource(nameof(NamedEnginesThatDoNotAnswer))]
    public void A_named_engine_is_used_or_an_error_never_passed_over(bool dockerHost, string named, string wayOut)
    {
        var gone = "unix://" + Socket("gone", answers: false);
        var variables = new Dictionary<string, string?> { ["HOME"] = _directory };
        if (dockerHost)
        {
            variables["DOCKER_HOST"] = gone;
        }
        else
        {
            variables["DOCKER_CONFIG"] = ContextStore("lab", gone);
        }

        var resolver = Resolver(variables, Socket("default", answers: true), Socket("project", answers: true), (_, _) => Assert.Fail("nothing is installed"));

        foreach (var ask in new Func<ResolvedEngine?>[] { resolver.Resolve, resolver.FindAnswering })
        {
            var error = Assert.Throws<CakeException>(() => ask());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.NoEngine));
                var label = string.Format(System.Globalization.CultureInfo.InvariantCulture, named, _directory);
                Assert.That(error.Message, Does.StartWith($"No Docker engine answers at {label}"));
                Assert.That(error.Message, Does.Contain("Start that engine").And.Contain(wayOut));
            }
        }
    }

    [Test]
    public void A_DOCKER_HOST_in_a_scheme_the_build_cannot_ask_is_an_error_too()
    {
        var variables = new Dictionary<string, string?> { ["HOME"] = _directory, ["DOCKER_HOST"] = "ssh://builder@example.invalid" };
        var resolver = Resolver(variables, Socket("default", answers: true), Socket("project", answers: true), (_, _) => Assert.Fail("nothing is installed"));

        var error = Assert.Throws<CakeException>(() => resolver.Resolve());

        Assert.That(error.Message, Does.StartWith("DOCKER_HOST=ssh://builder@example.invalid is not a unix:// or tcp:// address"));
    }

    [Test]
    public void An_empty_DOCKER_HOST_names_nothing_and_the_search_goes_on()
    {
        var variables = new Dictionary<string, string?> { ["HOME"] = _directory, ["DOCKER_HOST"] = "" };
        var resolver = Resolver(variables, Socket("default", answers: true), Socket("project", answers: false), (_, _) => Assert.Fail("nothing is installed"));

        Assert.That(resolver.Resolve().Source, Is.EqualTo(EngineSource.DefaultSocket));
    }

    [Test]
    public void With_no_engine_answering_the_project_engine_is_provisioned_and_started()
    {
        var variables = new Dictionary<string, string?> { ["HOME"] = _directory };
        var asked = new List<string>();
        var resolver = Resolver(variables, Socket("default", answers: false), Socket("project", answers: false),
            (needed, _) => { asked.AddRange(needed.Select(requirement => requirement.Name)); throw new CakeException(127, "stop here"); });

        Assert.That(() => resolver.Resolve(), Throws.TypeOf<CakeException>().With.Message.EqualTo("stop here"));
        Assert.That(asked, Is.EqualTo(new[] { "dockerd", "docker", "docker-compose" }));
    }

    [Test]
    public void A_dry_run_finds_no_engine_without_starting_one()
    {
        var resolver = Resolver(new Dictionary<string, string?> { ["HOME"] = _directory }, Socket("default", answers: false), Socket("project", answers: false),
            (_, _) => Assert.Fail("a dry run installs nothing"));

        Assert.That(resolver.FindAnswering(), Is.Null);
    }

    [Test]
    public void The_project_engine_lives_where_the_environment_says()
    {
        var location = ProjectEngineLocation.From(name => name switch
        {
            ProjectEngineLocation.RunDirectoryVariable => "/tmp/mine/run",
            ProjectEngineLocation.DataRootVariable => "/tmp/mine/data",
            _ => null,
        });
        var defaults = ProjectEngineLocation.From(_ => null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(location.Endpoint.Url, Is.EqualTo("unix:///tmp/mine/run/docker.sock"));
            Assert.That(location.PidFile, Is.EqualTo("/tmp/mine/run/dockerd.pid"));
            Assert.That(location.ExecRoot, Is.EqualTo("/tmp/mine/run/exec"));
            Assert.That(location.DataRoot, Is.EqualTo("/tmp/mine/data"));
            Assert.That(defaults, Is.EqualTo(new ProjectEngineLocation("/run/omninode-bridge", "/var/lib/omninode-bridge/docker", ProjectEngineKind.Debian12)));
        }
    }

    /// <summary>A docker config folder whose current context is <paramref name="name"/>, stored as the docker client stores it.</summary>
    private string ContextStore(string name, string host)
    {
        var config = Directory.CreateDirectory(Path.Combine(_directory, "docker-config")).FullName;
        File.WriteAllText(Path.Combine(config, "config.json"), $$"""{"currentContext":"{{name}}"}""");
        var meta = Directory.CreateDirectory(
            Path.Combine(config, "contexts", "meta", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))))).FullName;
        File.WriteAllText(Path.Combine(meta, "meta.json"),
            "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        return config;
    }

    private static EngineResolver Resolver(Dictionary<string, string?> variables, string defaultSocket, string projectSocket,
        Action<IEnumerable<Requirement>, string> ensureInstalled, ProcessContext? log = null)
    {
        var context = log ?? new ProcessContext();
        Func<string, string?> environment = name => variables.GetValueOrDefault(name);
        static string? Version(EngineEndpoint endpoint)
        {
            using var api = new EngineApi(endpoint, TimeSpan.FromSeconds(5));
            return api.ServerVersion();
        }

        var location = new ProjectEngineLocation(Path.GetDirectoryName(projectSocket)!, Path.Combine(Path.GetDirectoryName(projectSocket)!, "data"));
        var project = new ProjectEngine(location, new CommandRunner(context), Version);
        return new EngineResolver(environment, Version, project, ensureInstalled, context.Log, EngineEndpoint.Unix(defaultSocket));
    }
}
