using System.Globalization;
using Build.Swarm;
using Build.Tests.Support;
using Build.Tools.Docker;
using Cake.Core;

namespace Build.Tests.Swarm;

/// <summary>
/// The swarm questions over a canned engine: documents shaped as a 20.10 manager answers them, read into the swarm
/// records; an engine that does not answer, or answers something else, is a swarm failure naming the question.
/// </summary>
public sealed class SwarmApiTests
{
    private const string Filter = "%7B%22label%22%3A%5B%22com.docker.stack.namespace%3Dbridge%22%5D%7D";

    private const string Info = """
        {"ID":"X","Swarm":{"NodeID":"n1","NodeAddr":"10.0.0.11","LocalNodeState":"active","ControlAvailable":true,"Error":"",
         "RemoteManagers":[{"NodeID":"n1","Addr":"10.0.0.11:2377"}],"Nodes":3,"Managers":1},"SystemTime":"2026-12-04T14:48:39.9294875Z"}
        """;

    private const string Services = """
        [{"ID":"s2","Version":{"Index":40},"Spec":{"Name":"bridge_reducer","Labels":{"com.docker.stack.namespace":"bridge"},
          "TaskTemplate":{"ContainerSpec":{"Image":"reducer:prod@sha256:bb","Labels":{"com.docker.stack.namespace":"bridge"}},"ForceUpdate":0},
          "Mode":{"Replicated":{"Replicas":2}}},"Endpoint":{"Spec":{}}},
         {"ID":"s1","Spec":{"Name":"bridge_orchestrator","TaskTemplate":{"ContainerSpec":{"Image":"orchestrator:prod@sha256:new"}},
           "Mode":{"Replicated":{"Replicas":1}}},
          "PreviousSpec":{"Name":"bridge_orchestrator","TaskTemplate":{"ContainerSpec":{"Image":"orchestrator:prod@sha256:old"}},
           "Mode":{"Replicated":{"Replicas":1}}},
          "UpdateStatus":{"State":"rollback_completed","StartedAt":"2026-12-04T14:40:00.123456789Z","Message":"rollback completed"}}]
        """;

    private const string Tasks = """
        [{"ID":"t1","Version":{"Index":50},"ServiceID":"s1","NodeID":"n1","Slot":1,"DesiredState":"running",
          "Spec":{"ContainerSpec":{"Image":"orchestrator:prod@sha256:new","Labels":{"com.docker.stack.namespace":"bridge"}}},
          "Status":{"Timestamp":"2026-12-04T14:41:00.5Z","State":"running","Message":"started",
           "ContainerStatus":{"ContainerID":"c1","PID":42,"ExitCode":0},
           "PortStatus":{"Ports":[{"Protocol":"tcp","TargetPort":8060,"PublishedPort":8060,"PublishMode":"host"},
                                   {"Protocol":"tcp","TargetPort":8060,"PublishedPort":8060,"PublishMode":"host"}]}},
          "NetworksAttachments":[{"Network":{"ID":"i","Spec":{"Name":"ingress"}},"Addresses":["10.0.0.5/24"]},
                                 {"Network":{"ID":"o","Spec":{"Name":"bridge_default"}},"Addresses":["10.0.1.7/24"]}]},
         {"ID":"t2","ServiceID":"s9","NodeID":"n2","DesiredState":"shutdown",
          "Spec":{"ContainerSpec":{"Image":"other:1"}},"Status":{"Timestamp":"2026-12-04T14:41:00Z","State":"failed","Err":"task: non-zero exit (1)"}}]
        """;

    private const string Nodes = """
        [{"ID":"n1","Description":{"Hostname":"lab-1","Platform":{"OS":"linux"}},"Status":{"State":"ready","Addr":"10.0.0.11"},
          "Spec":{"Role":"manager","Availability":"active"},"ManagerStatus":{"Leader":true,"Reachability":"reachable"}},
         {"ID":"n2","Description":{"Hostname":"lab-2"},"Status":{"State":"down","Addr":"10.0.0.12"},"Spec":{"Availability":"drain"}}]
        """;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("swarm-api-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private (CannedEngine Server, SwarmApi Api, EngineApi Engine) Manager(Func<string, string>? respond = null)
    {
        var server = new CannedEngine(Path.Combine(_directory, "engine.sock"), respond ?? (path => path switch
        {
            "/v1.41/info" => CannedEngine.Http(200, Info),
            "/v1.41/services?filters=" + Filter => CannedEngine.Http(200, Services),
            "/v1.41/tasks" => CannedEngine.Http(200, Tasks),
            "/v1.41/nodes" => CannedEngine.Http(200, Nodes),
            "/v1.41/networks?filters=" + Filter => CannedEngine.Http(200, """[{"Name":"bridge_default","Id":"o","Driver":"overlay"}]"""),
            _ => CannedEngine.Http(404, """{"message":"page not found"}"""),
        }));
        var engine = new EngineApi(EngineEndpoint.Unix(server.Path), TimeSpan.FromSeconds(5));
        return (server, new SwarmApi(engine), engine);
    }

    [Test]
    public void The_registry_digest_of_a_tag_is_read_from_distribution()
    {
        // What the 20.10 engine answered on the lab for a pushed tag: the descriptor's fields are lower case.
        var (server, api, engine) = Manager(path => path == "/v1.41/distribution/10.221.0.1:5021/omninode/reducer:sha-48b3dcc/json"
            ? CannedEngine.Http(200, """
                {"Descriptor":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:8fbf8aa1","size":1991},
                 "Platforms":[{"architecture":"amd64","os":"linux"}]}
                """)
            : CannedEngine.Http(404, """{"message":"page not found"}"""));
        using (server)
        using (engine)
        {
            Assert.That(api.RegistryDigest("10.221.0.1:5021/omninode/reducer:sha-48b3dcc"), Is.EqualTo("sha256:8fbf8aa1"));
        }
    }

    [Test]
    public void A_tag_the_registry_does_not_have_fails_naming_it_and_the_fix()
    {
        var (server, api, engine) = Manager(_ => CannedEngine.Http(403,
            """{"message":"manifest unknown: manifest unknown"}"""));
        using (server)
        using (engine)
        {
            Assert.That(() => api.RegistryDigest("reg:5000/ns/reducer:sha-1"), Throws.TypeOf<CakeException>()
                .With.Property(nameof(CakeException.ExitCode)).EqualTo(ExitCodes.StackNotAsAsked)
                .And.Message.Contains("reg:5000/ns/reducer:sha-1").And.Message.Contains("manifest unknown").And.Message.Contains("Push the images first"));
        }
    }

    [Test]
    public void The_state_of_a_manager_is_read_from_info()
    {
        var (server, api, engine) = Manager();
        using (server)
        using (engine)
        {
            var systemTime = DateTimeOffset.Parse("2026-12-04T14:48:39.9294875Z", CultureInfo.InvariantCulture);
            Assert.That(api.State(), Is.EqualTo(new SwarmState("active", true, "10.0.0.11", "", systemTime)));
        }
    }

    [Test]
    public void Services_are_named_without_the_stack_prefix_in_name_order_with_their_update()
    {
        var (server, api, engine) = Manager();
        using (server)
        using (engine)
        {
            Assert.That(api.Services("bridge"), Is.EqualTo(new[]
            {
                new SwarmService("s1", "orchestrator", "bridge_orchestrator", "orchestrator:prod@sha256:new", 1, "orchestrator:prod@sha256:old",
                    "rollback_completed", "rollback completed", DateTimeOffset.Parse("2026-12-04T14:40:00.123456789Z", CultureInfo.InvariantCulture)),
                new SwarmService("s2", "reducer", "bridge_reducer", "reducer:prod@sha256:bb", 2, null, null, null, null),
            }));
        }
    }

    [Test]
    public void Tasks_of_the_stack_carry_their_overlay_address_and_each_published_port_once()
    {
        var (server, api, engine) = Manager();
        using (server)
        using (engine)
        {
            var task = api.Tasks("bridge").Single();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(task with { PublishedPorts = [] }, Is.EqualTo(new SwarmTask("t1", "s1", "n1", "running", "running", "started", null,
                    "orchestrator:prod@sha256:new", "10.0.1.7", [], DateTimeOffset.Parse("2026-12-04T14:41:00.5Z", CultureInfo.InvariantCulture), "bridge")));
                Assert.That(task.PublishedPorts, Is.EqualTo(new[] { 8060 }));
            }
        }
    }

    [Test]
    public void Nodes_and_networks_are_read()
    {
        var (server, api, engine) = Manager();
        using (server)
        using (engine)
        using (Assert.EnterMultipleScope())
        {
            Assert.That(api.Nodes(), Is.EqualTo(new[]
            {
                new SwarmNode("n1", "lab-1", "10.0.0.11", "ready", "active"),
                new SwarmNode("n2", "lab-2", "10.0.0.12", "down", "drain"),
            }));
            Assert.That(api.Networks("bridge"), Is.EqualTo(new[] { "bridge_default" }));
        }
    }

    [TestCase(503, """{"message":"This node is not a swarm manager."}""", "HTTP 503: This node is not a swarm manager.")]
    [TestCase(200, """{"Swarm":"not an object"}""", "something else than its JSON document")]
    [TestCase(200, "not json", "something else than its JSON document")]
    public void An_answer_that_is_not_the_document_fails_naming_the_question(int status, string body, string reason)
    {
        var (server, api, engine) = Manager(_ => CannedEngine.Http(status, body));
        using (server)
        using (engine)
        {
            var failure = Assert.Throws<CakeException>(() => api.State())!;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(failure.ExitCode, Is.EqualTo(SwarmDeployment.SwarmExitCode));
                Assert.That(failure.Message, Does.Contain("GET /info").And.Contain(reason));
            }
        }
    }
}
