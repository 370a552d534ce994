using System.Text.Json;
using Build.Tests.Support;

namespace Build.Tests.Tools.Docker;

/// <summary>
/// The Debian 12 lane: what only the host's dockerd 20.10 exercises, now that the suite's engine is Docker 26 with the
/// containerd image store. A one-node lab of scripts/swarm-lab.sh whose node runs Debian 12's dockerd (the classic image
/// store), named by DOCKER_HOST, so the build picks its clients from that engine's answer as it does on a machine with
/// Debian 12's docker.io: the 20.10 client's built-in BuildKit for the images, Compose v1 for the stack, and the docker 28
/// client's legacy builder refused. What is checked is the report's engine and the commands the build ran.
/// </summary>
[Category("Docker")]
[Category("Host")]
[Category("Swarm")]
[Category("Debian12")]
[NonParallelizable]
public sealed class Debian12DaemonTests
{
    private string _folder = "";
    private SwarmLab? _lab;
    private HostResult? _production;
    private HostResult? _legacy;
    private HostResult? _composeUp;
    private HostResult? _scale;
    private HostResult? _composeDown;

    private string ProductionReport => Path.Combine(_folder, "production.json");

    private string ComposeReport => Path.Combine(_folder, "compose.json");

    [OneTimeSetUp]
    public void BuildAndRunTheStackOnDockerd20()
    {
        SwarmLab.RequireForBaseImages();
        _folder = Directory.CreateTempSubdirectory("bridge-debian12-lane-").FullName;
        _lab = SwarmLab.Up(1, SwarmLab.BaseImageArchive(_folder));
        var engine = new Dictionary<string, string> { ["DOCKER_HOST"] = _lab.DockerHost };
        // A registry name of the lab's own: the images never take the user's orchestrator:prod and reducer:prod tags.
        string[] images = [$"--registry={_lab.Registry}"];
        _production = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=Production", "--force", .. images, $"--report={ProductionReport}"]);
        _legacy = HostRun.In(HostRun.RepositoryRoot, engine,
            ["--target=BuildReducer", "--build-target=production", "--force", $"--docker={DockerEngineRequirement.LegacyClient}", .. images,
                $"--report={Path.Combine(_folder, "legacy.json")}"]);
        string[] stack = [.. images, "--project-name=debian12-compose", "--build-target=production"];
        _composeUp = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=ComposeUp", .. stack, $"--report={ComposeReport}"]);
        _scale = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=Scale", "--scale=reducer=2", .. stack]);
        _composeDown = HostRun.In(HostRun.RepositoryRoot, engine, ["--target=ComposeDown", .. stack]);
    }

    [OneTimeTearDown]
    public void TearDown() => SwarmLab.DownAndDelete(_lab, _folder);

    [Test]
    public void Production_builds_with_the_BuildKit_of_the_20_10_client_on_the_classic_image_store()
    {
        Assert.That(_production!.ExitCode, Is.Zero, _production.All);
        var engine = JsonDocument.Parse(File.ReadAllText(ProductionReport)).RootElement.GetProperty("engine");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(engine.GetProperty("endpoint").GetString(), Is.EqualTo(_lab!.DockerHost));
            Assert.That(engine.GetProperty("version").GetString(), Does.StartWith("20.10."));
            Assert.That(engine.GetProperty("imageStore").GetString(), Is.EqualTo("classic"));
            Assert.That(engine.GetProperty("builder").GetString(), Does.StartWith("BuildKit of docker 20.10."));
            Assert.That(_production.Output, Does.Contain($"DOCKER_BUILDKIT=1 {DockerEngineRequirement.BuildKitClient} build "),
                "the 20.10 client builds, by its environment variable");
        }
    }

    [Test]
    public void The_legacy_builder_of_the_docker_28_client_is_refused_before_any_stage_runs()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_legacy!.ExitCode, Is.Not.Zero, _legacy.All);
            Assert.That(_legacy.All, Does.Contain("legacy builder, which cannot mount secrets"));
            Assert.That(_legacy.All, Does.Not.Contain("Step 1/"), "no stage ran");
        }
    }

    [Test]
    public void ComposeUp_and_Scale_run_the_stack_with_Compose_v1()
    {
        var engine = JsonDocument.Parse(File.ReadAllText(ComposeReport)).RootElement.GetProperty("engine");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_composeUp!.ExitCode, Is.Zero, _composeUp.All);
            Assert.That(_scale!.ExitCode, Is.Zero, _scale.All);
            Assert.That(_composeDown!.ExitCode, Is.Zero, _composeDown.All);
            Assert.That(engine.GetProperty("compose").GetString(), Does.StartWith("docker-compose 1."));
            Assert.That(_composeUp.Output, Does.Contain("docker-compose --file deployment/docker-compose.bridge.yml"));
        }
    }
}
