using Build.Tests.Support;

namespace Build.Tests;

/// <summary>
/// Colour only where it is read as colour, through the real host with its output redirected (as a log file or a
/// CI runner takes it), in a terminal type that Cake alone would colour for.
/// </summary>
[Category("Host")]
public sealed class LogColourTests
{
    private const string Escape = "\u001b[";

    [Test]
    public void A_redirected_log_has_no_escape_codes_even_where_TERM_names_a_colour_terminal()
    {
        using var repository = new ScratchRepository();
        var terminal = new Dictionary<string, string> { ["NO_COLOR"] = "", ["TERM"] = "xterm-256color" };

        var dryRun = HostRun.In(repository.Root, terminal, "--target=Production", "--dryrun");
        var badTarget = HostRun.In(repository.Root, terminal, "--target=Producton");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.All);
            Assert.That(dryRun.All, Does.Contain("This was a dry run.").And.Not.Contain(Escape));
            Assert.That(badTarget.ExitCode, Is.Not.Zero);
            Assert.That(badTarget.All, Does.Contain("Producton").And.Not.Contain(Escape));
        }
    }

    [Test]
    public void On_GitHub_Actions_the_log_keeps_its_colours_for_the_log_viewer()
    {
        using var repository = new ScratchRepository();

        var result = HostRun.In(repository.Root, new Dictionary<string, string> { ["NO_COLOR"] = "", ["GITHUB_ACTIONS"] = "true" }, "--target=Producton");

        Assert.That(result.All, Does.Contain(Escape), result.All);
    }
}
