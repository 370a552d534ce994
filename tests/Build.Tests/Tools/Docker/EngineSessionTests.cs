using System.Text.Json;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Tools.Docker;

/// <summary>The questions a run asks its engine's client, kept between runs only for the environment they were asked in.</summary>
[Category("Docker")]
[Category("Host")]
public sealed class EngineSessionTests
{
    private const string UnreachableBase = "--base-image=127.0.0.1:9/nothing/python:3.12-slim";

    /// <summary>
    /// Named with --docker, the toolchain's client runs with the user's DOCKER_CONFIG, which has no buildx; chosen by
    /// the engine's containerd store it runs with the toolchain's own. The first answer ("no buildx") once stuck to
    /// the client and sent every later run to the legacy builder.
    /// </summary>
    [Test]
    public void What_the_toolchains_client_answered_under_the_users_config_is_not_its_answer_under_its_own()
    {
        DockerEngineRequirement.Require();
        var toolchain = Debian13Toolchain.From(Environment.GetEnvironmentVariable);
        var (_, store) = DockerEngineRequirement.Docker("info", "--format", "{{.DriverStatus}}");
        if (!toolchain.IsComplete || !store.Contains("io.containerd.snapshotter", StringComparison.Ordinal))
        {
            Assert.Ignore("Needs the project engine with the containerd image store and the Debian 13 toolchain (./build.sh --target=Engine).");
        }

        using var repository = new ScratchRepository();
        using var userConfig = TestEnvironment.CreateTempDirectory();
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = userConfig.Path };
        var given = HostRun.In(repository.Root, environment, "--target=BuildReducer", "--build-target=production", "--force", UnreachableBase,
            $"--docker={toolchain.Docker}");
        var givenBuilder = Builder(repository);

        var chosen = HostRun.In(repository.Root, environment, "--target=BuildReducer", "--build-target=production", "--force", UnreachableBase);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(given.ExitCode, Is.Not.Zero, given.All);
            Assert.That(givenBuilder, Does.StartWith("the legacy builder"), given.All);
            Assert.That(chosen.ExitCode, Is.Not.Zero, chosen.All);
            Assert.That(Builder(repository), Does.StartWith("buildx"), chosen.All);
        }
    }

    private static string? Builder(ScratchRepository repository)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(repository.Root, "artifacts", "build-report.json")));
        return report.RootElement.GetProperty("engine").GetProperty("builder").GetString();
    }
}
