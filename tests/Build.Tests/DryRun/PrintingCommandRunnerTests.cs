using Build.DryRun;
using Build.Tests.Support;
using Build.Tools;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.DryRun;

/// <summary>The dry run's runner: a change is printed and starts nothing; a read-only question is still asked.</summary>
public sealed class PrintingCommandRunnerTests
{
    [Test]
    public void A_change_is_printed_and_a_question_is_asked()
    {
        var processes = new RecordingProcessRunner();
        var cake = new ProcessContext(processes);
        var runner = new PrintingCommandRunner(new CommandRunner(cake));
        var build = ToolCommand.Create("docker", new DirectoryPath("/repo"), arguments => arguments.Append("build").Append("."));
        var version = ToolCommand.Create("docker", new DirectoryPath("/repo"), arguments => arguments.Append("version"));

        runner.Run(build);
        var exitCode = runner.RunUnchecked(build);
        runner.Capture(version);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines, Is.EqualTo(new[] { "docker version" }));
            Assert.That(exitCode, Is.Zero);
            Assert.That(cake.CollectedLog.Lines.Count(line => line.Contains("$ docker build .", StringComparison.Ordinal)), Is.EqualTo(2));
        }
    }
}
