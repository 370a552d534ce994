using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// The probe with this machine's real clients on a PATH made for the test: the 28 client without buildx
/// (<see cref="DockerEngineRequirement.LegacyClient"/>) and Debian's 20.10 client with BuildKit built in
/// (<see cref="DockerEngineRequirement.BuildKitClient"/>), each in its own folder.
/// </summary>
[Category("Docker")]
public sealed class BuilderProbeTests
{
    private string _root = null!;

    [SetUp]
    public void Folders()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.LegacyClient);
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        _root = Directory.CreateTempSubdirectory("builder-probe-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    private string Folder(string name, string client)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "docker"), client);
        return folder;
    }

    private static BuilderChoice Choose(string path, string configured = "docker", bool clientGiven = false)
    {
        var runner = new CommandRunner(new ProcessContext());
        var probe = new BuilderProbe(runner, client => new DockerCommands(client, new DirectoryPath(HostRun.RepositoryRoot)));
        // "docker" is what Cake's process runner finds first on the test's own PATH: give it the first folder's client.
        var candidates = BuilderProbe.Candidates(configured, clientGiven, path);
        if (!clientGiven)
        {
            candidates = [Path.Combine(path.Split(Path.PathSeparator)[0], "docker"), .. candidates.Skip(1)];
        }

        return probe.Choose(candidates, clientGiven, () => new InvalidOperationException("no engine"));
    }

    [Test]
    public void A_buildx_less_client_first_on_PATH_hands_the_builds_to_the_one_with_BuildKit()
    {
        var legacy = Folder("first", DockerEngineRequirement.LegacyClient);
        var buildKit = Folder("second", DockerEngineRequirement.BuildKitClient);
        var choice = Choose($"{legacy}{Path.PathSeparator}{buildKit}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.Client, Is.EqualTo(Path.Combine(buildKit, "docker")));
            Assert.That(choice.Builder, Is.EqualTo(DockerBuilder.BuildKitEnvironment));
            Assert.That(choice.Reason, Does.Contain("has BuildKit built in").And.Contain("first on PATH has no buildx plugin"));
        }
    }

    [Test]
    public void A_client_with_BuildKit_first_on_PATH_keeps_the_builds()
    {
        var buildKit = Folder("first", DockerEngineRequirement.BuildKitClient);
        var legacy = Folder("second", DockerEngineRequirement.LegacyClient);
        var choice = Choose($"{buildKit}{Path.PathSeparator}{legacy}");
        Assert.That((choice.Client, choice.Builder), Is.EqualTo((Path.Combine(buildKit, "docker"), DockerBuilder.BuildKitEnvironment)));
    }

    [Test]
    public void The_same_client_twice_on_PATH_is_asked_once() =>
        Assert.That(
            BuilderProbe.Candidates("docker", false,
                $"{Folder("a", DockerEngineRequirement.BuildKitClient)}{Path.PathSeparator}{Folder("b", DockerEngineRequirement.BuildKitClient)}"),
            Is.EqualTo(new[] { "docker" }));

    [Test]
    public void The_docker_option_is_the_only_candidate() =>
        Assert.That(BuilderProbe.Candidates(DockerEngineRequirement.LegacyClient, true, $"{Folder("a", DockerEngineRequirement.BuildKitClient)}"),
            Is.EqualTo(new[] { DockerEngineRequirement.LegacyClient }));

    [Test]
    public void A_given_client_that_reaches_no_engine_raises_the_engines_error()
    {
        var runner = new CommandRunner(new ProcessContext());
        var probe = new BuilderProbe(runner, client => new DockerCommands(client, new DirectoryPath(HostRun.RepositoryRoot)));
        Assert.That(() => probe.Choose(["/nonexistent/docker"], true, () => new InvalidOperationException("no engine")),
            Throws.InvalidOperationException.With.Message.EqualTo("no engine"));
    }
}
