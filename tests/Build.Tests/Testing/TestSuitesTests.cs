using Build.Testing;
using Cake.Core.IO;

namespace Build.Tests.Testing;

public sealed class TestSuitesTests
{
    [Test]
    public void The_native_host_is_handed_to_the_host_tests()
    {
        var command = TestSuites.DotNetTest(new DirectoryPath("/repo"), "tests/Build.Tests/Build.Tests.csproj", "/repo/x.trx", null, "/repo/.build/host/Build");

        Assert.That(command.Environment, Does.ContainKey(TestSuites.TestHostVariable).WithValue("/repo/.build/host/Build"));
        Assert.That(command.Render(), Does.StartWith("BRIDGE_TEST_HOST=/repo/.build/host/Build "));
    }

    [Test]
    public void Under_the_JIT_host_the_tests_start_dotnet_Build_dll_themselves()
    {
        var command = TestSuites.DotNetTest(new DirectoryPath("/repo"), "tests/Build.Tests/Build.Tests.csproj", "/repo/x.trx", "TestCategory!=Docker");

        Assert.That(command.Environment, Does.Not.ContainKey(TestSuites.TestHostVariable));
        Assert.That(command.Render(), Is.EqualTo("DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet test tests/Build.Tests/Build.Tests.csproj " +
            "--configuration Release --logger \"trx;LogFileName=/repo/x.trx\" --logger \"console;verbosity=normal\" --filter TestCategory!=Docker"));
    }

    [Test]
    public void The_python_tests_run_in_the_project_venv_installed_from_the_lock()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestSuites.PythonEnvironment(new DirectoryPath("/repo")).Render(), Is.EqualTo("poetry install --no-root --no-interaction"));
            Assert.That(TestSuites.PythonUnittest(new DirectoryPath("/repo")).Render(),
                Is.EqualTo("PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=src poetry run python -m unittest discover -s tests/python -t . -v"));
        }
    }
}
