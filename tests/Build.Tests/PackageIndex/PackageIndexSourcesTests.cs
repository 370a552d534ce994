using Build.Lock;
using Build.PackageIndex;
using Build.Tests.Support;

namespace Build.Tests.PackageIndex;

public sealed class PackageIndexSourcesTests
{
    private static PackageIndexSource? Read(string toml) => PackageIndexSources.Read(TomlFile.Parse(toml, "pyproject.toml"));

    [Test]
    public void The_default_source_of_Poetry_1_is_the_index()
    {
        var source = Read("""
            [tool.poetry]
            name = "p"
            [[tool.poetry.source]]
            name = "mirror"
            url = "https://mirror.example/simple/"
            secondary = true
            [[tool.poetry.source]]
            name = "omninode-index"
            url = "http://127.0.0.1:3141/simple/"
            default = true
            """);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(source?.Name, Is.EqualTo("omninode-index"));
            Assert.That(source?.UsernameVariable, Is.EqualTo("POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME"));
            Assert.That(source?.PasswordVariable, Is.EqualTo("POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD"));
            Assert.That(source?.IsLoopback, Is.True);
        }
    }

    [Test]
    public void The_primary_source_of_Poetry_2_is_the_index_and_a_remote_one_needs_no_host_network()
    {
        var source = Read("""
            [[tool.poetry.source]]
            name = "extra"
            url = "https://extra.example/simple/"
            priority = "supplemental"
            [[tool.poetry.source]]
            name = "corp.nexus"
            url = "https://nexus.example/repository/pypi/simple/"
            priority = "primary"
            """);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(source?.Name, Is.EqualTo("corp.nexus"));
            Assert.That(source?.PasswordVariable, Is.EqualTo("POETRY_HTTP_BASIC_CORP_NEXUS_PASSWORD"));
            Assert.That(source?.IsLoopback, Is.False);
        }
    }

    [Test]
    public void A_project_without_a_source_has_no_index()
    {
        Assert.That(Read("""
            [tool.poetry]
            name = "p"
            """), Is.Null);
    }

    [Test]
    public void The_repository_resolves_from_its_own_index()
    {
        var source = PackageIndexSources.ReadProject(HostRun.RepositoryRoot);
        Assert.That(source, Is.EqualTo(new PackageIndexSource("omninode-index", new Uri("http://127.0.0.1:3141/simple/"))));
    }

    [Test]
    public void The_credentials_become_the_secrets_the_Dockerfiles_mount()
    {
        var secrets = new PackageIndexSource("omninode-index", new Uri("http://127.0.0.1:3141/simple/")).Secrets.Select(secret => secret.Argument);
        Assert.That(secrets, Is.EqualTo(new[]
        {
            "id=index_username,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME",
            "id=index_password,env=POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD",
        }));
    }
}
