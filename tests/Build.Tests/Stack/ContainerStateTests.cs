using Build.Stack;
using Build.Tools.Docker.Documents;

namespace Build.Tests.Stack;

public sealed class ContainerStateTests
{
    private static string Inspect(string status, string? health)
    {
        var state = health is null ? $$"""{"Status":"{{status}}"}""" : $$$"""{"Status":"{{{status}}}","Health":{"Status":"{{{health}}}"}}""";
        return """{"Id":"id","Name":"/p_reducer_1","State":""" + state + ""","Config":{"Labels":{"com.docker.compose.service":"reducer"}}}""";
    }

    [TestCase("running", "healthy", true, false)]
    [TestCase("running", "starting", false, false)]
    [TestCase("running", "unhealthy", false, true)]
    [TestCase("running", null, true, false)]
    [TestCase("exited", null, false, true)]
    [TestCase("restarting", null, false, false)]
    public void State_is_read_from_the_inspect_document(string status, string? health, bool ready, bool failed)
    {
        var state = ContainerState.FromInspectOutput($"[{Inspect(status, health)}]").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state, Is.EqualTo(new ContainerState("id", "reducer", "p_reducer_1", status, health ?? "none")));
            Assert.That(state.IsReady, Is.EqualTo(ready));
            Assert.That(state.HasFailed, Is.EqualTo(failed));
        }
    }

    [Test]
    public void The_engines_documents_and_the_clients_inspect_array_give_the_same_states()
    {
        var documents = new[] { Inspect("running", "healthy"), Inspect("running", null) };
        var viaApi = ContainerState.From(documents.Select(json => EngineJson.Read(json, EngineJson.Default.ContainerDocument)!));
        var viaClient = ContainerState.FromInspectOutput($"[{string.Join(",\n", documents)}]");

        Assert.That(viaClient, Is.EqualTo(viaApi).And.EqualTo(new[]
        {
            new ContainerState("id", "reducer", "p_reducer_1", "running", "healthy"),
            new ContainerState("id", "reducer", "p_reducer_1", "running", "none"),
        }));
    }

    [TestCase("""{"message":"page not found"}""")]
    [TestCase("""[{"Id":"abc"}]""")]
    [TestCase("""[{"Id":"abc","State":{"Status":7}}]""")]
    [TestCase("not json")]
    [TestCase("")]
    public void A_document_that_is_not_a_container_list_holds_no_container(string json) =>
        Assert.That(ContainerState.FromInspectOutput(json), Is.Empty);

    [Test]
    public void Summary_counts_replicas_and_healthy_per_service()
    {
        var containers = new[]
        {
            new ContainerState("a", "reducer", "r1", "running", "healthy"),
            new ContainerState("b", "reducer", "r2", "running", "starting"),
            new ContainerState("c", "orchestrator", "o1", "running", "healthy"),
        };
        var summary = StackHealth.Summarise(containers);
        Assert.That(summary, Is.EqualTo(new[]
        {
            new ServiceHealth("orchestrator", 1, 1, 0),
            new ServiceHealth("reducer", 2, 1, 0),
        }));
        Assert.That(StackHealth.StatusLine(summary, TimeSpan.FromSeconds(3)), Does.EndWith("orchestrator 1/1 healthy, reducer 1/2 healthy"));
    }
}
