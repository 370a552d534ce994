using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Build.Swarm;

/// <summary>
/// Writes the swarm stack file from the compose file, so the services are defined once
/// (deployment/docker-compose.bridge.yml) and the stack file only adds what swarm needs. A pure function of the
/// compose text; <c>--target=StackFile</c> writes its output to deployment/docker-stack.bridge.yml and Deploy refuses a
/// stack file that differs from it. YamlDotNet's node model reads and writes the YAML without reflection.
/// </summary>
public static class StackFileGenerator
{
    public const string ComposeFileRelative = Context.BuildOptionsParser.ComposeFileRelative;
    public const string StackFileRelative = "deployment/docker-stack.bridge.yml";

    /// <summary>The compose file format `docker stack deploy` of the 20.10 client reads (it refuses a file without `version`).</summary>
    public const string StackFormatVersion = "3.8";

    /// <summary>
    /// Compose keys swarm rejects or ignores, and why they are dropped. mem_limit and cpus become deploy.resources.limits;
    /// restart becomes deploy.restart_policy; ports become host-mode ports below.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DroppedKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["build"] = "swarm never builds: every node pulls the image from --registry (Deploy depends on Push)",
        ["depends_on"] = "swarm starts services in no order and rejects the long syntax with conditions; " +
            "the orchestrator resolves the reducer on every request",
        ["container_name"] = "a replicated service has many containers",
        ["mem_limit"] = "rejected by swarm: deploy.resources.limits.memory",
        ["cpus"] = "rejected by swarm: deploy.resources.limits.cpus",
        ["pids_limit"] = "rejected by swarm, and compose file 3.8 (docker 20.10) has no deploy form of it",
        ["restart"] = "ignored by swarm: deploy.restart_policy",
        ["expose"] = "ignored by swarm: services on one overlay network reach every port of each other",
    };

    /// <summary>The variable that sets a service's image, <c>REGISTRY/NAME@sha256:…</c> (Deploy resolves it: <see cref="DeployImages"/>).</summary>
    public static string ImageVariable(string service) => service.ToUpperInvariant().Replace('-', '_') + "_IMAGE";

    /// <summary>The variable that sets a service's replicas in the stack file (Deploy sets it from --scale or the running service).</summary>
    public static string ReplicasVariable(string service) => service.ToUpperInvariant().Replace('-', '_') + "_REPLICAS";

    /// <summary>The stack file for the compose text <paramref name="composeYaml"/>.</summary>
    public static string Generate(string composeYaml)
    {
        var compose = Load(composeYaml);
        var services = compose.Children.TryGetValue(Scalar("services"), out var node) && node is YamlMappingNode mapping
            ? mapping
            : throw new FormatException("the compose file has no `services:` mapping");

        var stackServices = new YamlMappingNode();
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, definition) in services.Children)
        {
            if (definition is not YamlMappingNode service)
            {
                throw new FormatException($"service {name} is not a mapping");
            }

            stackServices.Add(name, Service(((YamlScalarNode)name).Value!, service, dropped));
        }

        var stack = new YamlMappingNode
        {
            { "version", Quoted(StackFormatVersion) },
            { "services", stackServices },
            // Swarm's overlay network spans the nodes; the compose file's default network is a bridge on one engine.
            { "networks", new YamlMappingNode { { "default", new YamlMappingNode { { "driver", "overlay" } } } } },
        };

        var text = new StringBuilder();
        text.Append(Header(dropped));
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            new YamlStream(new YamlDocument(stack)).Save(writer, assignAnchors: false);
        }

        // YamlDotNet ends a document with "...": not needed for a single document, and not what a person writes.
        var result = text.ToString();
        var end = result.LastIndexOf("...", StringComparison.Ordinal);
        return (end >= 0 && result[end..].Trim() == "..." ? result[..end] : result).TrimEnd() + "\n";
    }

    private static YamlMappingNode Service(string name, YamlMappingNode compose, ISet<string> dropped)
    {
        var service = new YamlMappingNode();
        foreach (var (keyNode, value) in compose.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (DroppedKeys.ContainsKey(key))
            {
                dropped.Add(key);
                continue;
            }

            service.Add(key, key switch
            {
                "ports" => HostModePorts(name, (YamlSequenceNode)value),
                // Deploy pins each image to the digest the registry has for the pushed tag: an unchanged image leaves its service alone.
                "image" => new YamlScalarNode("${" + ImageVariable(name) + ":?Deploy sets it to REGISTRY/" + name + "@sha256:DIGEST}"),
                _ => value,
            });
        }

        // A fixed host port binds once per node: one task per node, and an update stops the old task before it starts the
        // new one (start-first would find the port taken). The other nodes serve meanwhile.
        var fixedPort = FixedPorts(compose).Count > 0;
        var order = fixedPort ? "stop-first" : "start-first";

        var deploy = new YamlMappingNode
        {
            { "replicas", "${" + ReplicasVariable(name) + ":-1}" },
            // No IPVS on the machines this is tested on, so no virtual IP: DNS answers with every task's address.
            { "endpoint_mode", "dnsrr" },
        };
        var limits = new YamlMappingNode();
        if (Value(compose, "mem_limit") is { } memory)
        {
            limits.Add("memory", memory.ToUpperInvariant());
        }

        if (Value(compose, "cpus") is { } cpus)
        {
            limits.Add("cpus", Quoted(cpus));
        }

        if (limits.Children.Count > 0)
        {
            deploy.Add("resources", new YamlMappingNode { { "limits", limits } });
        }

        if (fixedPort)
        {
            deploy.Add("placement", new YamlMappingNode { { "max_replicas_per_node", "1" } });
        }

        deploy.Add("restart_policy", new YamlMappingNode
        {
            { "condition", RestartCondition(Value(compose, "restart")) },
            { "delay", "2s" },
        });
        deploy.Add("update_config", new YamlMappingNode
        {
            // One task at a time, the new one healthy before the old one stops (or, on a fixed port, the others serving while
            // it restarts): the service keeps answering.
            { "parallelism", "1" },
            { "order", order },
            { "failure_action", "rollback" },
            { "monitor", FormatSeconds(MonitorWindow(compose)) },
            { "max_failure_ratio", "0" },
        });
        deploy.Add("rollback_config", new YamlMappingNode
        {
            { "parallelism", "1" },
            { "order", order },
            { "failure_action", "pause" },
        });
        service.Add("deploy", deploy);
        return service;
    }

    /// <summary>
    /// How long swarm watches each updated task for a failure: long enough for the health check to fail, that is the
    /// start period plus <c>retries</c> failed checks, one every <c>interval</c>, the last one taking its <c>timeout</c>.
    /// </summary>
    public static TimeSpan MonitorWindow(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(Scalar("healthcheck"), out var node) || node is not YamlMappingNode health)
        {
            return TimeSpan.FromSeconds(10);
        }

        var interval = Duration(Value(health, "interval")) ?? TimeSpan.FromSeconds(30);
        var timeout = Duration(Value(health, "timeout")) ?? TimeSpan.FromSeconds(30);
        var startPeriod = Duration(Value(health, "start_period")) ?? TimeSpan.Zero;
        var retries = int.TryParse(Value(health, "retries"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 3;
        return startPeriod + interval * retries + timeout;
    }

    /// <summary>A compose duration (Go syntax: 5s, 1m30s, 500ms, 1h); null when absent or not one.</summary>
    public static TimeSpan? Duration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var rest = value.Trim();
        while (rest.Length > 0)
        {
            var digits = rest.TakeWhile(c => char.IsDigit(c) || c == '.').Count();
            var unitLength = rest.Skip(digits).TakeWhile(char.IsLetter).Count();
            if (digits == 0 || unitLength == 0
                || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            TimeSpan? part = rest.Substring(digits, unitLength) switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => null,
            };
            if (part is null)
            {
                return null;
            }

            total += part.Value;
            rest = rest[(digits + unitLength)..];
        }

        return total;
    }

    /// <summary>
    /// Compose's short port syntax (<c>[IP:][PUBLISHED[-END]:]TARGET[/PROTOCOL]</c>) as swarm's long syntax in host mode
    /// (the ingress routing mesh needs IPVS) without a published port: each task gets a free port of its node, so
    /// replicas can share a node and a start-first update always finds a port. Deploy reports the ports the tasks got.
    /// </summary>
    private static YamlSequenceNode HostModePorts(string service, YamlSequenceNode ports)
    {
        var result = new YamlSequenceNode();
        foreach (var port in ports.Children)
        {
            if (port is not YamlScalarNode { Value: { } text })
            {
                throw new FormatException($"service {service}: only the short port syntax (\"127.0.0.1:18060-18079:8060\") is read; got a mapping");
            }

            var (target, published, protocol) = ParsePort(text);
            var mapping = new YamlMappingNode { { "target", target.ToString(CultureInfo.InvariantCulture) } };
            if (published is { } hostPort)
            {
                mapping.Add("published", hostPort.ToString(CultureInfo.InvariantCulture));
            }

            mapping.Add("protocol", protocol);
            mapping.Add("mode", "host");
            result.Add(mapping);
        }

        return result;
    }

    /// <summary>The fixed host ports a service publishes (the first of each compose range).</summary>
    public static IReadOnlyList<int> FixedPorts(YamlMappingNode compose) =>
        compose.Children.TryGetValue(Scalar("ports"), out var node) && node is YamlSequenceNode ports
            ? ports.Children.OfType<YamlScalarNode>().Select(port => ParsePort(port.Value ?? "").Published).OfType<int>().ToArray()
            : [];

    /// <summary>
    /// The container port, the host port (the first of a range: one port the same on every node, behind a load balancer)
    /// and the protocol of a short-syntax port.
    /// </summary>
    public static (int Target, int? Published, string Protocol) ParsePort(string value)
    {
        var protocol = "tcp";
        var text = value.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..];
            text = text[..slash];
        }

        var parts = text.Split(':');
        var target = parts[^1];
        if (target.Contains('-', StringComparison.Ordinal)
            || !int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"the port '{value}' does not end in one container port (1-65535)");
        }

        if (parts.Length < 2 || parts[^2].Length == 0)
        {
            return (port, null, protocol);
        }

        var first = parts[^2].Split('-')[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var published) && published is >= 1 and <= 65535
            ? (port, published, protocol)
            : throw new FormatException($"the port '{value}' has no host port 1-65535 before its container port");
    }

    private static string RestartCondition(string? restart) => restart switch
    {
        "no" => "none",
        "on-failure" => "on-failure",
        _ => "any",
    };

    private static string Header(IEnumerable<string> dropped) =>
        "# GENERATED by `./build.sh --target=StackFile` from " + ComposeFileRelative + ": do not edit.\n" +
        "# Change the services there; Deploy refuses this file when it differs from what the compose file makes.\n" +
        "# Swarm's additions: deploy.replicas from ${SERVICE_REPLICAS} (Deploy sets them from --scale or the running\n" +
        "# service), images as ${SERVICE_IMAGE} (Deploy pins them by digest), endpoint_mode dnsrr and host-mode ports\n" +
        "# on the compose file's first host port (no IPVS: no virtual IPs, no routing mesh; one such task per node),\n" +
        "# limits under deploy.resources, rolling updates one task at a time (start-first, stop-first on a fixed port),\n" +
        "# rolled back on failure, watched as long as the health check needs to fail, an overlay network.\n" +
        "# Dropped from the compose file: " + string.Join(", ", dropped) + ".\n" +
        "# By hand: ORCHESTRATOR_IMAGE=host:port/namespace/orchestrator@sha256:… REDUCER_IMAGE=… docker stack deploy -c " + StackFileRelative +
        " omninode-bridge\n";

    private static string? Value(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(Scalar(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlScalarNode Scalar(string value) => new(value);

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static string FormatSeconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException error)
        {
            throw new FormatException($"not valid YAML ({error.Message})", error);
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new FormatException("expected one YAML document with a mapping at the top");
    }
}
