using Build.Tools;

namespace Build.Tests.Tools;

public sealed class ProgramPathTests
{
    private string _folder = null!;

    [SetUp]
    public void Folder() => _folder = Directory.CreateTempSubdirectory("program-path-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_bare_program_name_is_found_on_PATH()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "docker-compose"), "");

        Assert.That(ProgramPath.Resolve("docker-compose", $"/nonexistent{Path.PathSeparator}{bin}"), Is.EqualTo(Path.Combine(bin, "docker-compose")));
    }
}
