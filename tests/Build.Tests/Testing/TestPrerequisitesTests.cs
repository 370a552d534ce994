using Build.Testing;
using Cake.Core.IO;

namespace Build.Tests.Testing;

public sealed class TestPrerequisitesTests
{
    [Test]
    public void PowerShell_is_installed_as_the_pinned_dotnet_tool_into_the_repositorys_tool_folder()
    {
        var command = TestPrerequisites.PowerShell(new DirectoryPath("/repo"));

        Assert.That(command.Render(), Is.EqualTo("dotnet tool install PowerShell --version 7.6.10 --tool-path \"/repo/.build/tools\""));
    }
}
