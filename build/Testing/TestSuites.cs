using System.Runtime.CompilerServices;
using Build.Tools;
using Cake.Core.IO;

namespace Build.Testing;

/// <summary>Where the test suites are and the commands that run them.</summary>
public static class TestSuites
{
    public static IReadOnlyList<string> DotNetProjects(string root)
    {
        var tests = Path.Combine(root, "tests");
        return Directory.Exists(tests)
            ? Directory.EnumerateFiles(tests, "*.Tests.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>The variable that tells the host tests which executable to run instead of <c>dotnet Build.dll</c>.</summary>
    public const string TestHostVariable = "BRIDGE_TEST_HOST";

    /// <summary>
    /// This process's executable when it is the native (ahead-of-time compiled) host, else null. The Test task hands
    /// it to the host tests, so they run the very executable <c>./build.sh</c> runs, not only the JIT assembly.
    /// </summary>
    public static string? NativeHost => RuntimeFeature.IsDynamicCodeCompiled ? null : System.Environment.ProcessPath;

    public static ToolCommand DotNetTest(DirectoryPath root, string project, string trxPath, string? filter, string? testHost = null) =>
        ToolCommand.Create("dotnet", root, arguments =>
        {
            arguments.Append("test").AppendValue(project);
            arguments.AppendOption("--configuration", "Release");
            arguments.AppendOption("--logger", $"trx;LogFileName={trxPath}");
            arguments.AppendOption("--logger", "console;verbosity=normal");
            if (filter is not null)
            {
                arguments.AppendOption("--filter", filter);
            }
        }, Environment(testHost));

    private static Dictionary<string, string> Environment(string? testHost)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        if (testHost is not null)
        {
            environment[TestHostVariable] = testHost;
        }

        return environment;
    }

    /// <summary>
    /// The project's venv with its locked packages, which the python tests import, from the project's package index
    /// (credentials from the environment, as for EnsureLock); the project itself comes from src/ on PYTHONPATH.
    /// </summary>
    public static ToolCommand PythonEnvironment(DirectoryPath root) =>
        ToolCommand.Create("poetry", root, arguments => arguments.Append("install").Append("--no-root").Append("--no-interaction"));

    public static ToolCommand PythonUnittest(DirectoryPath root) =>
        ToolCommand.Create("poetry", root, arguments => arguments
            .Append("run").Append("python").Append("-m").Append("unittest").Append("discover")
            .AppendOption("-s", "tests/python").AppendOption("-t", ".").Append("-v"),
            new Dictionary<string, string> { ["PYTHONPATH"] = "src", ["PYTHONDONTWRITEBYTECODE"] = "1" });
}
