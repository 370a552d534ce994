using Build.Tools;

namespace Build.Tests.Tools;

/// <summary>A real run's side of the side-effect seam: each effect is made, no account is given.</summary>
public sealed class SideEffectsTests
{
    [Test]
    public void A_real_run_makes_each_effect_and_gives_no_account()
    {
        var made = new List<string>();
        ISideEffects effects = new SideEffects();
        effects.Make(() => made.Add("effect"), () => made.Add("account"));
        effects.Make(() => made.Add("silent effect"));
        var found = effects.Make(() => "engine", () => "planned");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Is.EqualTo(new[] { "effect", "silent effect" }));
            Assert.That(found, Is.EqualTo("engine"));
        }
    }
}
