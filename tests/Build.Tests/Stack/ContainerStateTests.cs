using Build.Stack;

namespace Build.Tests.Stack;

public sealed class ContainerStateTests
{
    [TestCase("id|reducer|/p_reducer_1|running|healthy", true, false)]
    [TestCase("id|reducer|/p_reducer_1|running|starting", false, false)]
    [TestCase("id|reducer|/p_reducer_1|running|unhealthy", false, true)]
    [TestCase("id|reducer|/p_reducer_1|running|none", true, false)]
    [TestCase("id|reducer|/p_reducer_1|exited|none", false, true)]
    [TestCase("id|reducer|/p_reducer_1|restarting|none", false, false)]
    public void State_is_read_from_the_inspect_line(string line, bool ready, bool failed)
    {
        var state = ContainerState.Parse(line)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Name, Is.EqualTo("p_reducer_1"));
            Assert.That(state.IsReady, Is.EqualTo(ready));
            Assert.That(state.HasFailed, Is.EqualTo(failed));
        }
    }

    [TestCase("Up 3 seconds (healthy)", "healthy")]
    [TestCase("Up 1 second (health: starting)", "starting")]
    [TestCase("Up 40 seconds (unhealthy)", "unhealthy")]
    [TestCase("Up 2 minutes", "none")]
    public void The_engines_container_list_gives_the_same_facts_with_the_health_from_the_status_text(string status, string health)
    {
        var json = $$"""[{"Id":"abc","Names":["/p_reducer_1"],"Labels":{"com.docker.compose.service":"reducer"},"State":"running","Status":"{{status}}"}]""";
        Assert.That(ContainerState.ParseList(json), Is.EqualTo(new[] { new ContainerState("abc", "reducer", "p_reducer_1", "running", health) }));
    }

    [TestCase("""{"message":"page not found"}""")]
    [TestCase("""[{"Id":"abc"}]""")]
    [TestCase("not json")]
    public void A_document_that_is_not_a_container_list_is_no_answer(string json) =>
        Assert.That(ContainerState.ParseList(json), Is.Null);

    [Test]
    public void Summary_counts_replicas_and_healthy_per_service()
    {
        var containers = new[]
        {
            ContainerState.Parse("a|reducer|r1|running|healthy")!,
            ContainerState.Parse("b|reducer|r2|running|starting")!,
            ContainerState.Parse("c|orchestrator|o1|running|healthy")!,
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
