using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Provisioning;

public sealed class ProvisioningPhaseTests
{
    private static string LogFile(TestEnvironment.TempDirectory directory) => directory.File(".build/provisioning.log");

    [Test]
    public void A_step_is_one_line_in_the_log_its_tools_output_goes_to_the_file_and_it_is_recorded()
    {
        using var directory = TestEnvironment.CreateTempDirectory();
        string[] aptSays = ["Get:1 http://deb.debian.org/debian bookworm InRelease", "Setting up docker.io (20.10.24) ..."];
        var (phase, context, entries) = Phase(LogFile(directory), _ => (0, aptSays));
        var runner = new CommandRunner(context);

        phase.Step("packages docker.io", "no engine answered", output => runner.Run(Command("apt-get"), output));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(context.CollectedLog.Lines.Where(line => line.StartsWith("Provisioning:", StringComparison.Ordinal)).ToArray(),
                Has.Length.EqualTo(1).And.One.Match(@"^Provisioning: packages docker.io \(no engine answered\): succeeded in \d+\.\d s$"));
            Assert.That(context.CollectedLog.Lines, Has.None.Contain("Setting up docker.io"));
            Assert.That(File.ReadAllText(LogFile(directory)),
                Does.Contain("packages docker.io (no engine answered)").And.Contain("Setting up docker.io (20.10.24) ..."));
            Assert.That(entries.Select(entry => (entry.Step, entry.Why, entry.Status)), 
                Is.EqualTo(new[] { ("packages docker.io", "no engine answered", "succeeded") }));
        }
    }

    [Test]
    public void A_failed_step_keeps_its_exit_code_shows_the_logs_tail_and_is_recorded_as_failed()
    {
        using var directory = TestEnvironment.CreateTempDirectory();
        var (phase, context, entries) = Phase(LogFile(directory), 
            _ => (1, ["I: downloading packages with apt...", "E: mmdebstrap failed: cannot reach deb.debian.org"]));
        var runner = new CommandRunner(context);

        var error = Assert.Throws<CakeException>(() => phase.Step("base images omninode/python:3.11-bookworm", "the engine lacks it",
            output => runner.Run(Command("bash"), output)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ExitCode, Is.EqualTo(1));
            Assert.That(error.Message, 
                Does.Contain($"The last lines of {LogFile(directory)}:").And.EndWith("E: mmdebstrap failed: cannot reach deb.debian.org"));
            Assert.That(entries.Single().Status, Is.EqualTo("failed"));
        }
    }

    private static (ProvisioningPhase Phase, ProcessContext Context, List<ProvisioningEntry> Entries) Phase(
        string logFile, Func<string, (int, string[])> respond)
    {
        var processes = new RecordingProcessRunner { Respond = (program, _) => respond(program) };
        var context = new ProcessContext(processes);
        var entries = new List<ProvisioningEntry>();
        return (new ProvisioningPhase(context.Log, logFile, entries.Add, DateTimeOffset.UtcNow, new SideEffects()), context, entries);
    }

    private static ToolCommand Command(string program) => ToolCommand.Create(program, new DirectoryPath("/"), arguments => arguments.Append("run"));
}
