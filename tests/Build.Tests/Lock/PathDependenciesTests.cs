using Build.Lock;

namespace Build.Tests.Lock;

/// <summary>The folders of a project's path dependencies, and what a container must mount to see them at their paths.</summary>
public sealed class PathDependenciesTests
{
    [Test]
    public void Path_dependencies_of_every_table_are_found_at_their_absolute_paths()
    {
        const string pyproject = """
            [project]
            name = "app"
            dependencies = ["idna>=3", "shared @ file:///srv/mono/libs/shared"]

            [project.optional-dependencies]
            extra = ["plugin @ file:///srv/mono/plugins/p ; python_version >= '3.11'"]

            [tool.poetry.dependencies]
            util = { path = "../../libs/util", develop = true }
            multi = [{ path = "../../libs/multi", markers = "sys_platform == 'linux'" }, { version = "^1", markers = "sys_platform != 'linux'" }]

            [tool.poetry.group.dev.dependencies]
            devtools = { path = "tools/devtools" }
            """;
        var folders = PathDependencies.Folders(TomlFile.Parse(pyproject, "pyproject.toml"), "/srv/mono/apps/app");
        Assert.That(folders, Is.EquivalentTo(new[]
        {
            "/srv/mono/libs/util", "/srv/mono/libs/multi", "/srv/mono/apps/app/tools/devtools", "/srv/mono/libs/shared", "/srv/mono/plugins/p",
        }));
    }

    [Test]
    public void A_project_without_path_dependencies_has_none() =>
        Assert.That(PathDependencies.Folders(TomlFile.Parse("[tool.poetry.dependencies]\npython = \"^3.11\"\n", "p"), "/srv/app"), Is.Empty);

    [TestCase("/srv/mono/apps/app", new[] { "/srv/mono/libs/x" }, new[] { "/srv/mono" })]
    [TestCase("/srv/mono/apps/app", new[] { "/srv/mono/apps/app/tools/t" }, new[] { "/srv/mono/apps/app" })]
    [TestCase("/srv/mono/apps/app", new string[0], new[] { "/srv/mono/apps/app" })]
    [TestCase("/srv/app", new[] { "/opt/libs/x", "/opt/libs/x/sub" }, new[] { "/srv/app", "/opt/libs/x" })]
    [TestCase("/srv/mono/app", new[] { "/srv/mono" }, new[] { "/srv/mono" })]
    public void The_common_ancestor_is_mounted_never_the_root(string project, string[] dependencies, string[] mounts) =>
        Assert.That(PathDependencies.Mounts(project, dependencies), Is.EqualTo(mounts));
}
