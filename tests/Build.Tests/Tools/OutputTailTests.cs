using Build.Tools;

namespace Build.Tests.Tools;

public sealed class OutputTailTests
{
    [Test]
    public void The_tail_keeps_the_last_lines_and_passes_every_line_on()
    {
        var tail = new OutputTail(2);
        var passed = new List<string>();
        var keep = tail.Keep(passed.Add);

        foreach (var line in new[] { "one", "two", "three" })
        {
            keep(line);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tail.Lines, Is.EqualTo(new[] { "two", "three" }));
            Assert.That(passed, Is.EqualTo(new[] { "one", "two", "three" }));
        }
    }

    [Test]
    public void A_filtered_tail_keeps_an_early_line_it_accepts_after_many_it_does_not()
    {
        var signs = new OutputTail(2, line => line.StartsWith("sign", StringComparison.Ordinal));
        var keep = signs.Keep(_ => { });

        keep("sign: 401");
        foreach (var number in Enumerable.Range(0, 100))
        {
            keep($"traceback line {number}");
        }

        Assert.That(signs.Lines, Is.EqualTo(new[] { "sign: 401" }));
    }
}
