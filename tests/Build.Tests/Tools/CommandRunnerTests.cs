using Build.Tests.Support;
using Build.Tools;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Tools;

public sealed class CommandRunnerTests
{
    private static readonly ToolCommand DockerBuild = ToolCommand.Create("docker", new DirectoryPath("/"), arguments => arguments.Append("build").Append("."));

    [Test]
    public void A_failure_the_engine_is_blamed_for_leads_with_it_and_exits_with_no_engine()
    {
        var runner = Runner(_ => "The Docker engine went away during the build: …");

        var error = Assert.Throws<CakeException>(() => runner.Run(DockerBuild, _ => { }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.NoEngine));
            Assert.That(error.Message, Does.StartWith("The Docker engine went away during the build: …" + Environment.NewLine + "failed to update store"));
            Assert.That(error.Message, Does.EndWith("docker failed (exit code 1): docker build ."));
        }
    }

    [Test]
    public void A_failure_of_the_tool_alone_keeps_the_tools_exit_code_and_words()
    {
        var asked = new List<string>();
        var runner = Runner(command => { asked.Add(command.Program); return null; });

        var error = Assert.Throws<CakeException>(() => runner.Run(DockerBuild, _ => { }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ExitCode, Is.EqualTo(1));
            Assert.That(error.Message, Does.StartWith("failed to update store"));
            Assert.That(asked, Is.EqualTo(new[] { "docker" }));
        }
    }

    private static CommandRunner Runner(Func<ToolCommand, string?> engineGone)
    {
        var processes = new RecordingProcessRunner { Respond = (_, _) => (1, ["failed to update store"]) };
        return new CommandRunner(new ProcessContext(processes), dryRun: false, interruption: null, engineGone);
    }
}
