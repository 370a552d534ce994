using Build.Tests.Support;

namespace Build.Tests.Tools;

/// <summary>A failure names what actually failed: the --docker client, the --poetry path, the registry's address.</summary>
[Category("Host")]
public sealed class BlameTests
{
    [Test]
    public void A_docker_client_that_does_not_work_is_named_instead_of_the_engine()
    {
        using var repository = new ScratchRepository();
        // An engine that answers (a stand-in with the base images), so that only the client can be to blame.
        using var engine = CannedEngine.WithLocalBaseImages(repository.PathOf("engine.sock"));
        var result = HostRun.In(repository.Root, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix://" + engine.Path },
            "--target=Production", "--docker=/bin/false", "--force");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.DockerClientBroken), result.All);
            Assert.That(result.All, Does.Contain("The docker client /bin/false (--docker or BRIDGE_DOCKER) does not work"));
            Assert.That(result.All, Does.Not.Contain("No Docker engine answered"));
        }
    }

    [Test]
    public void A_poetry_path_that_does_not_exist_is_named_instead_of_saying_poetry_is_not_installed()
    {
        using var repository = new ScratchRepository();
        var pyproject = File.ReadAllText(repository.PathOf("pyproject.toml")).Replace("python = \"^3.11\"", "python = \"^3.12\"", StringComparison.Ordinal);
        File.WriteAllText(repository.PathOf("pyproject.toml"), pyproject);
        var result = repository.Run("--target=EnsureLock", "--poetry=/nonexistent/poetry");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.All);
            Assert.That(result.All, Does.Contain("--poetry=/nonexistent/poetry cannot be started"));
            Assert.That(result.All, Does.Not.Contain("Poetry is not installed"));
        }
    }

    [Test]
    [Category("Docker")]
    public void A_registry_that_refuses_the_connection_is_named_unreachable_not_a_refused_login()
    {
        var client = DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        var result = HostRun.In(HostRun.RepositoryRoot, null,
            "--target=Push", $"--docker={client}", "--registry=127.0.0.1:1/omninode", "--registry-username=u", "--registry-password=p");
        // Push builds the production images under the registry's name first: they name a registry that never answers.
        DockerImages.RemoveRepositories("127.0.0.1:1/");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(10), result.All);
            Assert.That(result.All, Does.Contain("The registry 127.0.0.1:1 could not be reached"));
            Assert.That(result.All, Does.Not.Contain("refused the login"));
        }
    }
}
