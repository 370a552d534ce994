using Build.DryRun;
using Build.Tools;

namespace Build.Tests.DryRun;

/// <summary>The dry run's side of the side-effect seam: it gives the account of each effect instead of making it.</summary>
public sealed class PlannedSideEffectsTests
{
    [Test]
    public void The_dry_run_gives_the_account_and_makes_nothing()
    {
        var made = new List<string>();
        ISideEffects effects = new PlannedSideEffects();
        effects.Make(() => made.Add("effect"), () => made.Add("account"));
        effects.Make(() => made.Add("silent effect"));
        var found = effects.Make(() => "engine", () => "planned");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Is.EqualTo(new[] { "account" }));
            Assert.That(found, Is.EqualTo("planned"));
        }
    }
}
