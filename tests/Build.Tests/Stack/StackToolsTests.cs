using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Stack;

/// <summary>
/// The stack's life on a real engine, in order: Production images, ComposeUp to healthy, Scale 3/2 with a real job
/// answered by both reducers, Scale back to 1/1, ComposeDown leaving nothing. Uses the 20.10 client (BuildKit) and
/// whichever Compose the machine has.
/// </summary>
[Category("Docker")]
[NonParallelizable]
[Category("Host")]
public sealed class StackToolsTests
{
    private const string Project = "bridge-stack-test";

    // Image names of its own: the stack's builds would otherwise tag (or rebuild) the user's orchestrator:prod and reducer:prod.
    private static readonly string Registry = $"stack-tools-test.local/{Guid.NewGuid():N}"[..40];

    private static HostResult Host(params string[] arguments) =>
        HostRun.In(HostRun.RepositoryRoot, null, [.. arguments, $"--project-name={Project}", $"--docker={DockerEngineRequirement.BuildKitClient}",
            "--build-target=production", $"--registry={Registry}"]);

    [OneTimeSetUp]
    public void Start() => DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);

    [OneTimeTearDown]
    public void Stop()
    {
        // Whatever happened, leave no stack and no image of the test's behind.
        Host("--target=ComposeDown", "--volumes");
        DockerImages.RemoveRepositories(Registry + "/");
    }

    /// <summary>One test, since each step needs the one before; the assertion messages say which step broke.</summary>
    [Test]
    public void Stack_comes_up_scales_serves_scales_back_and_goes_down()
    {
        ComposeUp_reaches_healthy();
        Scale_3_2_serves_a_job_with_both_reducers();
        Scale_back_to_1_1_keeps_the_stack_healthy();
        ComposeDown_leaves_no_container_or_network();
    }

    private static void ComposeUp_reaches_healthy()
    {
        var result = Host("--target=ComposeUp");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("orchestrator 1/1 healthy, reducer 1/1 healthy"));
        }
    }

    private static void Scale_3_2_serves_a_job_with_both_reducers()
    {
        var result = Host("--target=Scale", "--scale=orchestrator=3", "--scale=reducer=2", "--exclusive");
        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Match(@"orchestrator\s+3\s+3").And.Match(@"reducer\s+2\s+2"));

        var ports = PublishedOrchestratorPorts();
        Assert.That(ports, Has.Count.EqualTo(3), "each orchestrator replica publishes its own 127.0.0.1 port");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var instances = new HashSet<string>();
        // Several jobs, since the orchestrator resolves the reducers per request and spreads the parts over them.
        for (var attempt = 0; attempt < 5 && instances.Count < 2; attempt++)
        {
            // A buffered body: the service (http.server) wants a Content-Length, not a chunked body.
            using var body = new StringContent(
                JsonSerializer.Serialize(new { values = Enumerable.Range(1, 40).ToArray(), parts = 8 }), System.Text.Encoding.UTF8, "application/json");
            var response = http.PostAsync($"http://127.0.0.1:{ports[attempt % ports.Count]}/jobs", body).Result;
            Assert.That((int)response.StatusCode, Is.EqualTo(200), response.Content.ReadAsStringAsync().Result);
            using var answer = JsonDocument.Parse(response.Content.ReadAsStringAsync().Result);
            Assert.That(answer.RootElement.GetProperty("total").GetDouble(), Is.EqualTo(820));
            foreach (var instance in answer.RootElement.GetProperty("instances").EnumerateArray())
            {
                instances.Add(instance.GetString()!);
            }
        }

        Assert.That(instances, Has.Count.EqualTo(2), "both reducer replicas answered");
    }

    private static void Scale_back_to_1_1_keeps_the_stack_healthy()
    {
        var result = Host("--target=Scale", "--scale=orchestrator=1", "--scale=reducer=1", "--exclusive");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Match(@"orchestrator\s+1\s+1").And.Match(@"reducer\s+1\s+1"));
        }
    }

    private static void ComposeDown_leaves_no_container_or_network()
    {
        var result = Host("--target=ComposeDown");
        var containers = DockerEngineRequirement.Docker("ps", "-aq", "--filter", $"label=com.docker.compose.project={Project}").Output.Trim();
        var networks = DockerEngineRequirement.Docker("network", "ls", "-q", "--filter", $"label=com.docker.compose.project={Project}").Output.Trim();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(containers, Is.Empty);
            Assert.That(networks, Is.Empty);
        }
    }

    private static List<int> PublishedOrchestratorPorts()
    {
        var (_, output) = DockerEngineRequirement.Docker("ps", "--filter", $"label=com.docker.compose.project={Project}",
            "--filter", "label=com.docker.compose.service=orchestrator", "--format", "{{.Ports}}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"127\.0\.0\.1:(\d+)->8060"))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }
}
