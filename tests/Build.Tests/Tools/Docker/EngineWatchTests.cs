using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core;
using Cake.Core.IO;

namespace Build.Tests.Tools.Docker;

public sealed class EngineWatchTests
{
    private static readonly DateTimeOffset FoundAt = new(2026, 12, 4, 14, 2, 11, TimeSpan.Zero);

    private static readonly ToolCommand DockerBuild = ToolCommand.Create("/usr/bin/docker", new DirectoryPath("/"), arguments => arguments.Append("build"));

    [Test]
    public void An_engine_that_still_answers_leaves_the_commands_own_failure_standing()
    {
        var watch = Watch(_ => "20.10.24", out _);
        watch.Found(Engine("/run/omninode-bridge/docker.sock", EngineSource.DefaultSocket));

        Assert.That(watch.GoneCause(DockerBuild), Is.Null);
    }

    [Test]
    public void An_engine_gone_is_named_with_when_it_last_answered_and_its_socket()
    {
        var clock = new SteppedClock(FoundAt);
        var answers = true;
        var watch = new EngineWatch(_ => answers ? "20.10.24" : null, ProjectEngine("/nonexistent/project"), clock);
        watch.Found(Engine("/nonexistent/engine/docker.sock", EngineSource.DockerHost));
        clock.Now = FoundAt.AddSeconds(125);
        answers = false;

        var cause = watch.GoneCause(DockerBuild);

        Assert.That(cause, Does.StartWith(
            "The Docker engine went away during the build: DOCKER_HOST unix:///nonexistent/engine/docker.sock (engine 20.10.24). " +
            "It answered at 14:02:11 UTC (2 min 5 s ago) and does not now; its socket /nonexistent/engine/docker.sock is gone. Start it again"));
    }

    [Test]
    public void The_project_engine_gone_says_its_dockerd_is_no_longer_running_and_where_its_log_is()
    {
        var watch = Watch(_ => null, out var project);
        watch.Found(Engine(project.Location.Socket, EngineSource.ProjectEngine));

        Assert.That(watch.GoneCause(DockerBuild), Does.Contain($"Its dockerd is no longer running (its last words are in {project.Location.LogFile})"));
    }

    [Test]
    public void Commands_that_do_not_talk_to_the_engine_and_failures_before_one_was_found_are_never_blamed_on_it()
    {
        var asked = 0;
        var watch = Watch(_ => { asked++; return null; }, out _);
        var beforeFound = watch.GoneCause(DockerBuild);
        watch.Found(Engine("/nonexistent/engine/docker.sock", EngineSource.DefaultSocket));

        var poetry = watch.GoneCause(ToolCommand.Create("poetry", new DirectoryPath("/"), arguments => arguments.Append("lock")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeFound, Is.Null);
            Assert.That(poetry, Is.Null);
            Assert.That(asked, Is.Zero);
        }
    }

    private static EngineWatch Watch(Func<EngineEndpoint, string?> version, out ProjectEngine project)
    {
        project = ProjectEngine("/nonexistent/project");
        return new EngineWatch(version, project, new SteppedClock(FoundAt));
    }

    private static ProjectEngine ProjectEngine(string directory) =>
        new(new ProjectEngineLocation(directory, directory + "/data"),
            new CommandRunner(new ProcessContext(new RecordingProcessRunner())), _ => null);

    private static ResolvedEngine Engine(string socket, EngineSource source) => new(EngineEndpoint.Unix(socket), "20.10.24", source);

    private sealed class SteppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
