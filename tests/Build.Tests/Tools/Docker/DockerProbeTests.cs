using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>What a build says when the engine is missing or a base image cannot be pulled: the cause first, asked once.</summary>
[Category("Docker")]
[Category("Host")]
public sealed class DockerProbeTests
{
    [Test]
    public void With_no_engine_where_the_build_looks_it_asks_once_and_names_the_engine_beside_it()
    {
        DockerEngineRequirement.Require();
        if (DockerdProcesses.InThisNetworkNamespace().Count == 0 || File.Exists(EngineEndpoint.DefaultSocket.SocketPath))
        {
            Assert.Ignore("Needs a dockerd in this network namespace that is not on the default socket (the engine of .ci/run or of engine.sh).");
        }

        using var engineHome = TestEnvironment.CreateTempDirectory();
        using var repository = new ScratchRepository();
        var environment = new Dictionary<string, string>
        {
            // Empty is unset for the build as for the docker client: nothing named, so the build looks for an engine.
            ["DOCKER_HOST"] = "",
            [ProjectEngineLocation.RunDirectoryVariable] = engineHome.File("run"),
            [ProjectEngineLocation.DataRootVariable] = engineHome.File("data"),
        };

        var result = HostRun.In(repository.Root, environment, "--target=Production", "--verbosity=diagnostic");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.All);
            Assert.That(result.All, Does.Match(
                @"a dockerd \(pid \d+\) runs in this network namespace and answers on unix://\S+; " +
                @"a second engine here would fight it over the docker0 bridge\. Use that one: export DOCKER_HOST=unix://"));
            // Asked once, over the socket: no docker client started for an inspect or a version before the error.
            Assert.That(result.All, Does.Not.Contain("docker image inspect"));
            Assert.That(result.All, Does.Not.Contain("docker version"));
            Assert.That(Directory.Exists(engineHome.File("run")), Is.False, "no engine was started");
        }
    }

    [Test]
    public void A_DOCKER_HOST_that_does_not_answer_fails_naming_it_and_nothing_is_built_elsewhere()
    {
        using var repository = new ScratchRepository();

        var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" };

        var result = HostRun.In(repository.Root, environment, "--target=BuildOrchestrator");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NoEngine), result.All);
            Assert.That(result.All, Does.Contain("Error: No Docker engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock"));
            Assert.That(result.All, Does.Contain("unset DOCKER_HOST to let the build find an engine"));
            Assert.That(result.All, Does.Not.Contain("Docker engine: ").And.Not.Contain("   at "));
        }
    }

    [Test]
    public void A_registry_base_image_that_cannot_be_pulled_is_named_with_the_reason_and_the_way_out()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        using var repository = new ScratchRepository();

        var result = repository.Run("--target=BuildReducer", "--build-target=production", "--force", "--base-image=127.0.0.1:9/nothing/python:3.12-slim");

        var error = result.All[Math.Max(0, result.All.LastIndexOf("Error: ", StringComparison.Ordinal))..];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(error, Does.StartWith(
                "Error: reducer:prod needs the base image 127.0.0.1:9/nothing/python:3.12-slim, " +
                "which the engine does not have and could not pull: the registry is unreachable."));
            Assert.That(error, Does.Contain(
                "Build from the local base images instead (omninode/python:3.11-bookworm, omninode/poetry:1.3.2-bookworm, made by --target=BaseImages)"));
            Assert.That(error, Does.Contain("connection refused"));
            Assert.That(error, Does.Not.Contain("   at "));
        }
    }
}
