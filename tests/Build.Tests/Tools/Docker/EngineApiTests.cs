using System.Net.Sockets;
using System.Text;
using Build.Images;
using Build.Stack;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// The engine API client: when it may stand in for the docker client, and what it reads. The protocol
/// tests talk to a real unix socket served by the test (canned HTTP answers, so a 500 or a chunked body can be
/// produced on demand); <see cref="EngineApiEngineTests"/> compares it with the docker client on a real engine.
/// </summary>
public sealed class EngineApiTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("engine-socket-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private string SocketFile()
    {
        var path = Path.Combine(_directory, "docker.sock");
        File.WriteAllText(path, "");
        return path;
    }

    [Test]
    public void A_unix_DOCKER_HOST_whose_socket_exists_is_asked_directly()
    {
        var socket = SocketFile();

        using var engine = EngineApi.ForClientEngine(Env(("DOCKER_HOST", "unix://" + socket), ("HOME", _directory)), TimeSpan.FromSeconds(1));

        Assert.That(engine?.Endpoint.SocketPath, Is.EqualTo(socket));
    }

    [Test]
    public void A_plain_tcp_DOCKER_HOST_is_asked_directly_with_the_clients_default_port()
    {
        using var engine = EngineApi.ForClientEngine(Env(("DOCKER_HOST", "tcp://127.0.0.1"), ("HOME", _directory)), TimeSpan.FromSeconds(1));

        Assert.That(engine?.Endpoint.Url, Is.EqualTo("tcp://127.0.0.1:2375"));
    }

    [TestCase("ssh://builder@127.0.0.1", null)]
    [TestCase("unix:///nonexistent/docker.sock", null)]
    [TestCase("tcp://127.0.0.1:2376", "1")]
    [TestCase("tcp://127.0.0.1:2375/some/path", null)]
    public void Any_other_engine_is_left_to_the_docker_client(string dockerHost, string? tlsVerify)
    {
        var environment = Env(("DOCKER_HOST", dockerHost), ("HOME", _directory), ("DOCKER_TLS_VERIFY", tlsVerify!));

        Assert.That(EngineApi.ForClientEngine(environment, TimeSpan.FromSeconds(1)), Is.Null);
    }

    [Test]
    public void A_chosen_docker_context_is_left_to_the_client()
    {
        var socket = SocketFile();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(EngineApi.ForClientEngine(Env(("DOCKER_CONTEXT", "remote"), ("HOME", _directory)), TimeSpan.FromSeconds(1)), Is.Null);
            // DOCKER_CONTEXT=default is the plain socket again; the default socket itself does not exist here.
            Assert.That(EngineApi.ForClientEngine(Env(("DOCKER_CONTEXT", "default"), ("DOCKER_HOST", "unix://" + socket)), TimeSpan.FromSeconds(1)),
                Is.Not.Null);
        }
    }

    [Test]
    public void A_current_context_in_the_client_config_is_left_to_the_client_unless_DOCKER_HOST_overrides_it()
    {
        var socket = SocketFile();
        var config = Path.Combine(_directory, "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "config.json"), """{"auths":{},"currentContext":"colima"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(EngineApi.ForClientEngine(Env(("DOCKER_CONFIG", config)), TimeSpan.FromSeconds(1)), Is.Null);
            Assert.That(EngineApi.ForClientEngine(Env(("DOCKER_CONFIG", config), ("DOCKER_HOST", "unix://" + socket)), TimeSpan.FromSeconds(1)), Is.Not.Null);
        }
    }

    [Test]
    public void An_image_found_missing_or_unreadable()
    {
        var document = """{"Id":"sha256:abc","RepoTags":["orchestrator:prod","orchestrator:latest"],"Config":""" +
            """{"Labels":{"io.omninode.bridge.input-digest":"sha256:def"}}}""";
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), path => path switch
        {
            "/v1.41/images/orchestrator:prod/json" => Http(200, document),
            "/v1.41/images/reducer:prod/json" => Http(404, """{"message":"No such image: reducer:prod"}"""),
            _ => Http(500, """{"message":"boom"}"""),
        });
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        var found = engine.InspectImage("orchestrator:prod");
        var state = ImageState.FromInspectDocument(found!.Json!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state, Is.Not.Null);
            Assert.That(state!.Id, Is.EqualTo("sha256:abc"));
            Assert.That(state.InputDigest, Is.EqualTo("sha256:def"));
            Assert.That(state.RepoTags, Is.EqualTo(new[] { "orchestrator:prod", "orchestrator:latest" }));
            Assert.That(engine.InspectImage("reducer:prod"), Is.SameAs(EngineAnswer.NotFound));
            Assert.That(engine.InspectImage("other:prod"), Is.Null, "a 500 sends the question to the docker client");
            Assert.That(server.Requests,
                Is.EqualTo(new[] { "/v1.41/images/orchestrator:prod/json", "/v1.41/images/reducer:prod/json", "/v1.41/images/other:prod/json" }));
        }
    }

    [Test]
    public void A_reference_that_cannot_be_a_path_segment_is_not_sent()
    {
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), _ => Http(200, "{}"));
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.InspectImage("a b"), Is.Null);
            Assert.That(engine.InspectImage("x?y"), Is.Null);
            Assert.That(server.Requests, Is.Empty);
        }
    }

    [Test]
    public void A_socket_nobody_listens_on_is_no_answer()
    {
        var socket = SocketFile();
        using var engine = new EngineApi(EngineEndpoint.Unix(socket), TimeSpan.FromSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.InspectImage("orchestrator:prod"), Is.Null);
            Assert.That(engine.Ping(), Is.False);
        }
    }

    [Test]
    public void Ping_and_version_read_the_engines_answers()
    {
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), path => path switch
        {
            "/_ping" => Http(200, "OK"),
            "/version" => Http(200, """{"Version":"20.10.24+dfsg1","ApiVersion":"1.41"}"""),
            _ => Http(404, "{}"),
        });
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.Ping(), Is.True);
            Assert.That(engine.ServerVersion(), Is.EqualTo("20.10.24+dfsg1"));
        }
    }

    [Test]
    public void Chunked_bodies_are_joined()
    {
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"),
            _ => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n");
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        Assert.That(engine.Get("/anything"), Is.EqualTo(new EngineResponse(200, "{\"a\":1}")));
    }

    [TestCase("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", TestName = "A body shorter than its Content-Length")]
    [TestCase("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{}", TestName = "A chunk cut short")]
    [TestCase("SSH-2.0-OpenSSH\r\n\r\n", TestName = "Not HTTP")]
    [TestCase("HTTP/1.1 200 OK\r\nContent-Length: 2", TestName = "Headers never end")]
    public void A_broken_answer_is_no_answer(string response)
    {
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), _ => response);
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        Assert.That(engine.Get("/anything"), Is.Null);
    }

    [Test]
    public void The_containers_of_a_label_are_listed_then_inspected_one_by_one_and_one_gone_meanwhile_is_left_out()
    {
        const string list = "/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Dp%22%5D%7D";
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), path => path switch
        {
            list => Http(200, """[{"Id":"c1","Status":"Up 3 seconds (healthy)"},{"Id":"c2"}]"""),
            "/v1.41/containers/c1/json" => Http(200, """
                {"Id":"c1","Name":"/p_reducer_1","State":{"Status":"running","Health":{"Status":"healthy","FailingStreak":0}},
                 "Config":{"Labels":{"com.docker.compose.service":"reducer"}}}
                """),
            _ => Http(404, """{"message":"No such container: c2"}"""),
        });
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        var containers = ContainerState.From(engine.ContainersWithLabel("com.docker.compose.project=p")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(containers, Is.EqualTo(new[] { new ContainerState("c1", "reducer", "p_reducer_1", "running", "healthy") }));
            Assert.That(server.Requests, Is.EqualTo(new[] { list, "/v1.41/containers/c1/json", "/v1.41/containers/c2/json" }));
        }
    }

    [Test]
    public void The_listed_size_of_an_image_is_asked_by_reference_filter()
    {
        const string list = "/v1.41/images/json?filters=%7B%22reference%22%3A%5B%22orchestrator%3Aprod%22%5D%7D";
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), path => path switch
        {
            list => Http(200, """[{"Id":"sha256:e282","RepoTags":["orchestrator:prod"],"Size":199089319}]"""),
            _ => Http(200, "[]"),
        });
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.ListedImageSize("orchestrator:prod"), Is.EqualTo(199089319));
            Assert.That(engine.ListedImageSize("reducer:prod"), Is.Null, "not listed");
        }
    }

    [Test]
    public void A_container_list_the_engine_does_not_give_is_no_answer()
    {
        using var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), _ => Http(500, """{"message":"boom"}"""));
        using var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));

        Assert.That(engine.ContainersWithLabel("com.docker.compose.project=p"), Is.Null);
    }

    [Test]
    public void An_inspect_document_without_labels_or_tags_has_no_digest_and_no_tags()
    {
        var state = ImageState.FromInspectDocument("""{"Id":"sha256:abc","RepoTags":null,"Config":{"Labels":null}}""");

        Assert.That(state, Is.EqualTo(new ImageState("sha256:abc", null, [])).Using<ImageState>((a, b) =>
            a.Id == b.Id && a.InputDigest == b.InputDigest && a.RepoTags.SequenceEqual(b.RepoTags)));
    }

    [TestCase("""{"message":"page not found"}""")]
    [TestCase("""{"Id":"abc"}""")]
    [TestCase("not json")]
    public void Anything_else_is_not_an_image(string json)
    {
        Assert.That(ImageState.FromInspectDocument(json), Is.Null);
    }
    private static string Http(int status, string body) => CannedEngine.Http(status, body);
}

/// <summary>On a real engine: the API's answer is the docker client's answer.</summary>
[Category("Docker")]
public sealed class EngineApiEngineTests
{
    [Test]
    public void The_socket_and_the_docker_client_see_the_same_image()
    {
        DockerEngineRequirement.Require();
        using var engine = EngineApi.ForClientEngine(Environment.GetEnvironmentVariable, TimeSpan.FromSeconds(10));
        if (engine is null)
        {
            Assert.Ignore("The engine under test is behind a docker context or TLS, so the client is always used.");
        }

        const string image = "omninode/python:3.11-bookworm";
        var (exitCode, output) = DockerEngineRequirement.Docker("image", "inspect", image);
        if (exitCode != 0)
        {
            TestEnvironment.IgnoreExceptOnCi($"The local base image {image} is missing: ./build.sh --target=BaseImages builds it.");
        }

        var viaClient = ImageState.FromInspectOutput(output).Single();
        var viaSocket = ImageState.FromInspectDocument(engine!.InspectImage(image)!.Json!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(viaSocket!.Id, Is.EqualTo(viaClient!.Id));
            Assert.That(viaSocket.RepoTags, Is.EquivalentTo(viaClient.RepoTags));
            Assert.That(viaSocket.InputDigest, Is.EqualTo(viaClient.InputDigest));
            Assert.That(viaSocket.SizeBytes, Is.EqualTo(viaClient.SizeBytes).And.Positive);
            Assert.That(engine.InspectImage("omninode-bridge-tests/never-built:none"), Is.SameAs(EngineAnswer.NotFound));
        }
    }

    [Test]
    public void The_engine_api_and_the_docker_client_see_the_same_containers_of_a_project()
    {
        DockerEngineRequirement.Require();
        using var engine = EngineApi.ForClientEngine(Environment.GetEnvironmentVariable, TimeSpan.FromSeconds(10));
        if (engine is null)
        {
            Assert.Ignore("The engine under test is not a local unix socket (DOCKER_HOST), so the client is always used.");
        }

        var project = $"socket-{Guid.NewGuid():N}"[..20];
        var label = $"com.docker.compose.project={project}";
        string Start(params string[] health) => DockerEngineRequirement.Docker(
            [
                "run", "--detach", "--label", label, "--label", "com.docker.compose.service=probe", .. health,
                "--entrypoint", "sleep", "omninode/python:3.11-bookworm", "60",
            ])
            .Output.Trim().Split('\n')[^1];
        var healthy = Start("--health-cmd", "true", "--health-interval", "1s");
        var plain = Start();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<ContainerState>? viaSocket;
            do
            {
                Thread.Sleep(200);
                viaSocket = ContainerState.From(engine!.ContainersWithLabel(label)!);
            }
            while (viaSocket!.Any(container => container.Health == "starting") && clock.Elapsed < TimeSpan.FromSeconds(20));

            var ids = DockerEngineRequirement.Docker("ps", "--all", "--quiet", "--no-trunc", "--filter", $"label={label}")
                .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var viaClient = ContainerState.FromInspectOutput(DockerEngineRequirement.Docker(["container", "inspect", .. ids]).Output);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(viaSocket, Is.EquivalentTo(viaClient));
                Assert.That(viaSocket!.Select(container => container.Health), Is.EquivalentTo(new[] { "healthy", "none" }));
            }
        }
        finally
        {
            DockerEngineRequirement.Docker("rm", "--force", healthy, plain);
        }
    }
}
