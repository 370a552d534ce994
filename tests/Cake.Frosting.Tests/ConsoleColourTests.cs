using NUnit.Framework;

namespace Cake.Frosting.Tests;

public sealed class ConsoleColourTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(true, null, null, true).SetName("A_terminal_is_coloured");
        yield return new TestCaseData(false, null, null, false).SetName("A_redirected_output_is_not");
        yield return new TestCaseData(true, "1", null, false).SetName("NO_COLOR_wins_on_a_terminal");
        yield return new TestCaseData(true, "", null, true).SetName("An_empty_NO_COLOR_is_unset");
        yield return new TestCaseData(false, null, "true", true).SetName("GitHub_Actions_renders_colour_without_a_terminal");
        yield return new TestCaseData(false, "1", "true", false).SetName("NO_COLOR_wins_on_GitHub_Actions_too");
        yield return new TestCaseData(false, null, "false", false).SetName("GITHUB_ACTIONS_other_than_true_is_no_GitHub");
    }

    [TestCaseSource(nameof(Cases))]
    public void Colour_only_where_it_is_read_as_colour(bool onTerminal, string? noColour, string? gitHubActions, bool expected)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = noColour, ["GITHUB_ACTIONS"] = gitHubActions, ["TERM"] = "xterm-256color" };

        Assert.That(ConsoleColour.Wanted(name => variables.GetValueOrDefault(name), onTerminal), Is.EqualTo(expected));
    }

    [TestCase("\u001b[91mStep 3/7 failed\u001b[0m", "Step 3/7 failed")]
    [TestCase("\u001b[1;32mdone\u001b[m \u001b[2K\u001b[1Gnext", "done next")]
    [TestCase("\u001b]0;title\u0007plain", "plain")]
    [TestCase("no escapes [here]", "no escapes [here]")]
    public void Strip_leaves_the_text_without_escape_sequences(string text, string expected) =>
        Assert.That(ConsoleColour.Strip(text), Is.EqualTo(expected));
}
