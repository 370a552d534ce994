using Build.Tasks;
using Build.Tests.Support;
using Cake.Frosting;

namespace Build.Tests;

/// <summary>
/// The host Program runs, run in the test process (<see cref="InProcessBuild"/>): it finds every task of the build
/// assembly (not of the test runner, the entry assembly here), and a run leaves the process as it found it.
/// </summary>
public sealed class BuildHostTests
{
    [Test]
    public void The_host_finds_every_task_of_the_build_assembly()
    {
        var tasks = typeof(BuildHost).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(IFrostingTask).IsAssignableFrom(type))
            .Select(type => ((TaskNameAttribute)Attribute.GetCustomAttribute(type, typeof(TaskNameAttribute))!).Name)
            .ToList();
        var result = InProcessBuild.Run("--description");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(tasks, Does.Contain(nameof(Production)).And.Contain(nameof(Clean)));
            foreach (var task in tasks)
            {
                Assert.That(result.Output, Does.Contain(task));
            }
        }
    }

    [Test]
    public void A_run_in_the_test_process_leaves_its_environment_directory_and_console_as_they_were()
    {
        using var repository = new ScratchRepository();
        using var engine = CannedEngine.WithLocalBaseImages(repository.PathOf("engine.sock"));
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var directory = Directory.GetCurrentDirectory();
        var console = Console.Out;

        // A real run finds its engine and hands it to its children through the process's DOCKER_HOST.
        var result = InProcessBuild.In(repository.Root, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix://" + engine.Path }, null,
            "--target=Clean", "--working=" + repository.Root);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("Docker engine: DOCKER_HOST unix://" + engine.Path));
            Assert.That(Environment.GetEnvironmentVariable("DOCKER_HOST"), Is.EqualTo(dockerHost));
            Assert.That(Directory.GetCurrentDirectory(), Is.EqualTo(directory));
            Assert.That(Console.Out, Is.SameAs(console));
        }
    }
}
