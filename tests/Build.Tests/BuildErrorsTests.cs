using Build.Tests.Support;

namespace Build.Tests;

/// <summary>Broken files give a clear message with a non-zero exit code, and no file is changed.</summary>
public sealed class BuildErrorsTests
{
    [Test]
    public void Malformed_pyproject_names_file_line_and_column_and_changes_nothing()
    {
        using var repository = new ScratchRepository();
        File.WriteAllText(repository.PathOf("pyproject.toml"), "[tool.poetry]\nname = \"omninode-bridge\"\nversion = 0.1.0\"\n");
        var before = repository.Snapshot();
        var result = repository.RunInProcess("--target=Production", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.All, Does.Match(@"pyproject\.toml:3:\d+"));
            Assert.That(result.All, Does.Not.Contain("   at "));
            Assert.That(repository.Snapshot(), Is.EqualTo(before));
        }
    }

    [Test]
    public void Missing_dockerfile_is_named_with_the_fix()
    {
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("deployment/Dockerfile.reducer"));
        var result = repository.RunInProcess("--target=Production", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.All, Does.Contain("deployment/Dockerfile.reducer is missing"));
        }
    }

    [Test]
    public void Missing_compose_file_is_named_when_scaling()
    {
        using var repository = new ScratchRepository();
        File.Delete(repository.PathOf("deployment/docker-compose.bridge.yml"));
        var result = repository.RunInProcess("--target=Scale", "--scale=reducer=2", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.All, Does.Contain("docker-compose.bridge.yml"));
        }
    }

    [Test]
    public void Outside_git_the_build_still_plans_and_says_so_once()
    {
        using var repository = new ScratchRepository();
        var result = repository.RunInProcess("--target=Production", "--dryrun");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output.Split("not a git repository").Length - 1, Is.EqualTo(1));
            Assert.That(result.Output, Does.Not.Contain(":sha-").And.Not.Contain("image.revision"));
        }
    }
}
