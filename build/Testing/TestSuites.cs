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

    public static ToolCommand DotNetTest(DirectoryPath root, string project, string trxPath, string? filter) =>
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
        }, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });

    public static ToolCommand PythonUnittest(DirectoryPath root) =>
        ToolCommand.Create("python3", root, arguments => arguments
            .Append("-m").Append("unittest").Append("discover")
            .AppendOption("-s", "tests/python").AppendOption("-t", ".").Append("-v"),
            new Dictionary<string, string> { ["PYTHONPATH"] = "src", ["PYTHONDONTWRITEBYTECODE"] = "1" });
}
