using Build.Context;
using Build.Tests.Support;

namespace Build.Tests.Context;

public sealed class ProjectMetadataTests
{
    [TestCase("packages = [{ include = \"omninode_bridge\", from = \"src\" }]", new[] { "src/omninode_bridge" })]
    [TestCase("packages = [{ include = \"app\" }, { include = \"lib\", from = \"src/\" }]", new[] { "app", "src/lib" })]
    [TestCase("", new string[0])]
    [TestCase("packages = [{ include = \"*.py\" }]", new string[0])]
    public void The_code_folders_are_Poetry_s_packages(string packages, string[] expected)
    {
        using var repository = new TestRepository().Write("pyproject.toml", $"[tool.poetry]\nname = \"x\"\nversion = \"1.0.0\"\n{packages}\n");
        Assert.That(ProjectMetadata.Read(repository.PathOf("pyproject.toml")).CodeFolders, Is.EqualTo(expected));
    }

    [Test]
    public void The_project_s_own_pyproject_names_its_source_package()
    {
        Assert.That(ProjectMetadata.Read(Path.Combine(HostRun.RepositoryRoot, "pyproject.toml")).CodeFolders, Is.EqualTo(new[] { "src/omninode_bridge" }));
    }
}
