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
