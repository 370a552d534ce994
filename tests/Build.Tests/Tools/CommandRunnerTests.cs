using Build.Tools;
using Build.Tests.Support;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Tools;

/// <summary>
/// The engine the run found reaches each child through its command's own environment, not the build's process; a failure
/// the engine is blamed for leads with it.
/// </summary>
public sealed class CommandRunnerTests
{
    private static readonly ToolCommand Ps = ToolCommand.Create("docker", new DirectoryPath("/repo"), arguments => arguments.Append("ps"));
    private static readonly ToolCommand DockerBuild = ToolCommand.Create("docker", new DirectoryPath("/"), arguments => arguments.Append("build").Append("."));

    [Test]
    public void Once_the_engine_is_found_each_child_gets_its_DOCKER_HOST_and_the_process_environment_stays_as_it_was()
    {
        var processes = new RecordingProcessRunner();
        var children = new ChildEnvironment();
        var runner = new CommandRunner(new ProcessContext(processes), children: children);
        var before = Environment.GetEnvironmentVariable("DOCKER_HOST");

        runner.Run(Ps);
        children.UseEngine("unix:///run/bridge-engine/docker.sock");
        runner.Run(Ps);
        runner.Capture(Ps with { Environment = new Dictionary<string, string> { ["DOCKER_HOST"] = "tcp://127.0.0.1:2375" } });

        var dockerHosts = processes.Started
            .Select(started => started.Settings.EnvironmentVariables.TryGetValue("DOCKER_HOST", out var value) ? value : null).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dockerHosts, Is.EqualTo(new[] { null, "unix:///run/bridge-engine/docker.sock", "tcp://127.0.0.1:2375" }), "a command's own value wins");
            Assert.That(Environment.GetEnvironmentVariable("DOCKER_HOST"), Is.EqualTo(before));
        }
    }

    [Test]
    public void The_environment_a_child_sees_has_the_engine_found_over_the_users_DOCKER_HOST()
    {
        var children = new ChildEnvironment();
        var environment = children.Over(name => name == "DOCKER_HOST" ? "unix:///var/run/docker.sock" : "other");
        var beforeFound = environment("DOCKER_HOST");
        children.UseEngine("unix:///run/bridge-engine/docker.sock");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeFound, Is.EqualTo("unix:///var/run/docker.sock"));
            Assert.That(environment("DOCKER_HOST"), Is.EqualTo("unix:///run/bridge-engine/docker.sock"));
            Assert.That(environment("DOCKER_CONTEXT"), Is.EqualTo("other"));
        }
    }

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
        return new CommandRunner(new ProcessContext(processes), engineGone: engineGone);
    }
}
