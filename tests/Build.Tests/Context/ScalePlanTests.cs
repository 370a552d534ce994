using Build.Context;

namespace Build.Tests.Context;

public sealed class ScalePlanTests
{
    private static readonly string[] Services = ["orchestrator", "reducer"];

    private static ScalePlan Parse(out List<string> errors, params string[] values)
    {
        var collected = new List<string>();
        var plan = ScalePlan.Parse(values, Services, collected.Add);
        errors = collected;
        return plan;
    }

    [Test]
    public void Scale_reads_service_equals_count_pairs()
    {
        var plan = Parse(out var errors, "orchestrator=3", "reducer=2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors, Is.Empty);
            Assert.That(plan.Replicas, Is.EqualTo(new Dictionary<string, int> { ["orchestrator"] = 3, ["reducer"] = 2 }));
        }
    }

    [Test]
    public void Scale_rejects_unknown_service_and_lists_the_services()
    {
        Parse(out var errors, "database=2");
        Assert.That(errors, Has.One.Contains("'database'").And.Contains("orchestrator, reducer"));
    }

    [TestCase("reducer=101")]
    [TestCase("reducer=-1")]
    [TestCase("reducer=two")]
    [TestCase("reducer=1.5")]
    [TestCase("reducer=")]
    public void Scale_rejects_counts_outside_0_to_100(string value)
    {
        Parse(out var errors, value);
        Assert.That(errors, Has.One.Contains("whole number from 0 to 100").And.Contains("orchestrator, reducer"));
    }

    [Test]
    public void Scale_without_equals_is_an_error() =>
        Assert.That(Parse(out var errors, "reducer").IsEmpty && errors.Count == 1, Is.True);

    [Test]
    public void Scale_to_zero_is_allowed() =>
        Assert.That(Parse(out _, "reducer=0").Replicas["reducer"], Is.Zero);
}
