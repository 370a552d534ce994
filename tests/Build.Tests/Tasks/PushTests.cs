using Build.Tests.Support;

namespace Build.Tests.Tasks;

/// <summary>
/// Push in the test process (what it would push, what it refuses) and, in the Docker category, to a real registry
/// started here on 127.0.0.1, open or behind a login.
/// </summary>
[NonParallelizable]
public sealed class PushTests
{
    [Test]
    public void Push_without_a_registry_says_which_option_is_missing()
    {
        var result = InProcessBuild.Run("--target=Push", "--exclusive");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain("--registry=HOST[:PORT]/NAMESPACE"));
        }
    }

    [Test]
    public void Registry_password_is_never_printed()
    {
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "hunter2-secret" };
        var result = InProcessBuild.In(HostRun.RepositoryRoot, environment, null,
            "--target=Push", "--registry=127.0.0.1:5000/omninode", "--registry-username=ci", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.Contain("login --username ci --password-stdin 127.0.0.1:5000"));
            Assert.That(result.Output, Does.Contain("push 127.0.0.1:5000/omninode/reducer:prod"));
            Assert.That(result.All, Does.Not.Contain("hunter2"));
        }
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void Push_sends_every_tag_and_the_image_pulls_back_with_the_same_digest()
    {
        LocalRegistry.Require();
        using var registry = new LocalRegistry();
        var prefix = $"{registry.Address}/omninode";
        var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Push", $"--registry={prefix}", $"--docker={DockerEngineRequirement.BuildKitClient}");
        Assert.That(result.ExitCode, Is.Zero, result.All);

        var reference = $"{prefix}/reducer:prod";
        var pushedDigest = RepoDigest(reference);
        Assert.That(pushedDigest, Does.StartWith($"{prefix}/reducer@sha256:"));

        // Forget the local name of the image, then pull it back from the registry.
        DockerEngineRequirement.Docker("image", "rm", reference);
        var (pullExit, pullOutput) = DockerEngineRequirement.Docker("pull", reference);
        Assert.That(pullExit, Is.Zero, pullOutput);
        Assert.That(RepoDigest(reference), Is.EqualTo(pushedDigest));

        var (_, tags) = DockerEngineRequirement.Run("/usr/bin/curl", "-s", $"http://{registry.Address}/v2/omninode/orchestrator/tags/list");
        DockerImages.RemoveRepositories($"{prefix}/");
        Assert.That(tags, Does.Contain("\"prod\"").And.Contain("\"latest\"").And.Contain("\"0.1.0\""));
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void A_refused_login_fails_clearly_pushes_nothing_and_never_prints_the_password()
    {
        LocalRegistry.Require();
        using var registry = new LocalRegistry(("ci", "right-password"));
        var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "wrong-password-123" };
        var result = HostRun.In(HostRun.RepositoryRoot, environment,
            "--target=Push", $"--registry={registry.Address}/omninode", "--registry-username=ci", $"--docker={DockerEngineRequirement.BuildKitClient}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.LoginRefused), result.All);
            Assert.That(result.All, Does.Contain($"The registry {registry.Address} refused the login of user 'ci'"));
            Assert.That(result.All, Does.Contain("nothing was pushed"));
            Assert.That(result.All, Does.Not.Contain("wrong-password-123"));
            Assert.That(result.All, Does.Not.Contain("   at "));
        }
    }

    [Test]
    [Category("Docker")]
    [Category("Host")]
    public void A_login_with_the_right_password_pushes_and_leaves_no_credentials_behind()
    {
        LocalRegistry.Require();
        using var registry = new LocalRegistry(("ci", "right-password"));
        var home = Directory.CreateTempSubdirectory("bridge-home-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "right-password", ["HOME"] = home };
            var result = HostRun.In(HostRun.RepositoryRoot, environment,
                "--target=Push", $"--registry={registry.Address}/omninode", "--registry-username=ci", $"--docker={DockerEngineRequirement.BuildKitClient}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.Zero, result.All);
                Assert.That(result.All, Does.Not.Contain("right-password"));
                Assert.That(File.Exists(Path.Combine(home, ".docker", "config.json")), Is.False, "the login lived in a throw-away DOCKER_CONFIG");
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            DockerImages.RemoveRepositories($"{registry.Address}/omninode/");
        }
    }


    private static string RepoDigest(string reference)
    {
        var (_, output) = DockerEngineRequirement.Docker("image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference);
        var repository = reference[..reference.LastIndexOf(':')];
        return output.Split('\n').FirstOrDefault(line => line.StartsWith(repository + "@", StringComparison.Ordinal))?.Trim() ?? "";
    }
}
