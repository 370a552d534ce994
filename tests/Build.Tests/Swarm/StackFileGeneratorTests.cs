using Build.Swarm;
using Build.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Swarm;

public sealed class StackFileGeneratorTests
{
    private const string Compose = """
        services:
          web:
            build:
              context: ..
            image: ${IMAGE_REGISTRY:-}web:${IMAGE_TAG:-dev}
            ports:
              - "127.0.0.1:18060-18079:8060"
              - "9000/udp"
            expose:
              - "8060"
            depends_on:
              db:
                condition: service_healthy
            healthcheck:
              test: ["CMD", "true"]
              interval: 10s
              timeout: 2s
              retries: 3
              start_period: 4s
            restart: unless-stopped
            mem_limit: 64m
            cpus: 0.25
            pids_limit: 32
        """;

    private static YamlMappingNode Service(string yaml, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return (YamlMappingNode)((YamlMappingNode)root["services"])[name];
    }

    [Test]
    public void Committed_stack_file_is_what_the_compose_file_makes()
    {
        var stack = StackDefinition.Read(HostRun.RepositoryRoot);
        Assert.That(stack.Committed, Is.EqualTo(stack.Generated),
            $"{StackFileGenerator.StackFileRelative} is stale: run ./build.sh --target=StackFile");
    }

    [Test]
    public void Swarm_rejected_keys_are_dropped_and_limits_move_under_deploy()
    {
        var web = Service(StackFileGenerator.Generate(Compose), "web");
        var keys = web.Children.Keys.Select(key => key.ToString()).ToArray();
        var limits = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)web["deploy"])["resources"])["limits"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys, Is.EquivalentTo(new[] { "image", "ports", "healthcheck", "deploy" }));
            Assert.That(limits["memory"].ToString(), Is.EqualTo("64M"));
            Assert.That(limits["cpus"].ToString(), Is.EqualTo("0.25"));
        }
    }

    [Test]
    public void Ports_become_host_mode_ports_on_the_first_host_port_of_their_range()
    {
        var ports = (YamlSequenceNode)Service(StackFileGenerator.Generate(Compose), "web")["ports"];
        var rendered = ports.Children.Cast<YamlMappingNode>()
            .Select(port => string.Join(" ", port.Children.Select(pair => $"{pair.Key}={pair.Value}"))).ToArray();
        Assert.That(rendered, Is.EqualTo(new[] { "target=8060 published=18060 protocol=tcp mode=host", "target=9000 protocol=udp mode=host" }));
    }

    [Test]
    public void A_service_on_a_fixed_port_runs_once_per_node_and_updates_stop_first()
    {
        var deploy = (YamlMappingNode)Service(StackFileGenerator.Generate(Compose), "web")["deploy"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((YamlMappingNode)deploy["placement"])["max_replicas_per_node"].ToString(), Is.EqualTo("1"));
            Assert.That(((YamlMappingNode)deploy["update_config"])["order"].ToString(), Is.EqualTo("stop-first"));
            Assert.That(((YamlMappingNode)deploy["rollback_config"])["order"].ToString(), Is.EqualTo("stop-first"));
        }
    }

    [Test]
    public void A_service_without_a_fixed_port_updates_start_first_anywhere()
    {
        var deploy = (YamlMappingNode)Service(StackFileGenerator.Generate(Compose.Replace("      - \"127.0.0.1:18060-18079:8060\"\n", "",
            StringComparison.Ordinal)), "web")["deploy"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deploy.Children.ContainsKey(new YamlScalarNode("placement")), Is.False);
            Assert.That(((YamlMappingNode)deploy["update_config"])["order"].ToString(), Is.EqualTo("start-first"));
        }
    }

    [Test]
    public void The_image_is_a_variable_deploy_sets_to_a_digest() =>
        Assert.That(Service(StackFileGenerator.Generate(Compose), "web")["image"].ToString(),
            Is.EqualTo("${WEB_IMAGE:?Deploy sets it to REGISTRY/web@sha256:DIGEST}"));

    [Test]
    public void Deploy_section_has_replicas_variable_dnsrr_and_a_rolling_update_that_rolls_back()
    {
        var deploy = (YamlMappingNode)Service(StackFileGenerator.Generate(Compose), "web")["deploy"];
        var update = (YamlMappingNode)deploy["update_config"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(deploy["replicas"].ToString(), Is.EqualTo("${WEB_REPLICAS:-1}"));
            Assert.That(deploy["endpoint_mode"].ToString(), Is.EqualTo("dnsrr"));
            Assert.That(update["parallelism"].ToString(), Is.EqualTo("1"));
            Assert.That(update["failure_action"].ToString(), Is.EqualTo("rollback"));
            // 4 s start period + 3 retries every 10 s + the last check's 2 s timeout.
            Assert.That(update["monitor"].ToString(), Is.EqualTo("36s"));
            Assert.That(((YamlMappingNode)deploy["restart_policy"])["condition"].ToString(), Is.EqualTo("any"));
        }
    }

    [Test]
    public void Stack_file_names_compose_format_3_8_and_an_overlay_network()
    {
        var stack = StackFileGenerator.Generate(Compose);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stack, Does.Contain("version: \"3.8\"\n"));
            Assert.That(stack, Does.Contain("networks:\n  default:\n    driver: overlay\n"));
            Assert.That(stack, Does.StartWith("# GENERATED by `./build.sh --target=StackFile`"));
        }
    }

    private static IEnumerable<TestCaseData> DurationCases()
    {
        yield return new TestCaseData("5s", TimeSpan.FromSeconds(5)).SetName("Duration_in_seconds");
        yield return new TestCaseData("1m30s", TimeSpan.FromSeconds(90)).SetName("Duration_in_minutes_and_seconds");
        yield return new TestCaseData("500ms", TimeSpan.FromMilliseconds(500)).SetName("Duration_in_milliseconds");
        yield return new TestCaseData("1.5h", TimeSpan.FromMinutes(90)).SetName("Duration_with_a_fraction");
        yield return new TestCaseData("5", null).SetName("Duration_without_a_unit_is_not_one");
        yield return new TestCaseData("5x", null).SetName("Duration_with_an_unknown_unit_is_not_one");
        yield return new TestCaseData("", null).SetName("Empty_duration_is_none");
    }

    [TestCaseSource(nameof(DurationCases))]
    public void Durations_are_read_in_go_syntax(string text, TimeSpan? expected) =>
        Assert.That(StackFileGenerator.Duration(text), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> PortCases()
    {
        yield return new TestCaseData("127.0.0.1:18060-18079:8060", 8060, 18060, "tcp").SetName("Port_with_address_and_range");
        yield return new TestCaseData("8080:80", 80, 8080, "tcp").SetName("Port_published_and_target");
        yield return new TestCaseData("53/udp", 53, null, "udp").SetName("Port_with_protocol");
        yield return new TestCaseData("127.0.0.1::8060", 8060, null, "tcp").SetName("Port_with_address_and_no_host_port");
    }

    [TestCaseSource(nameof(PortCases))]
    public void Short_ports_name_their_container_and_host_port(string port, int target, int? published, string protocol) =>
        Assert.That(StackFileGenerator.ParsePort(port), Is.EqualTo((target, published, protocol)));

    [Test]
    public void A_port_range_as_container_port_is_refused() =>
        Assert.That(() => StackFileGenerator.ParsePort("8060-8061"), Throws.TypeOf<FormatException>().With.Message.Contains("8060-8061"));

    [Test]
    public void A_compose_file_without_services_is_refused() =>
        Assert.That(() => StackFileGenerator.Generate("volumes: {}\n"), Throws.TypeOf<FormatException>().With.Message.Contains("services"));
}
