using System.Runtime.InteropServices;

namespace Build.Bootstrap;

/// <summary>
/// The Native AOT publish of the host. It shares nothing with other dotnet processes: no MSBuild node and no Roslyn
/// compiler server is reused or left behind. A server started by this idle-priority compile would otherwise serve
/// the next <c>dotnet build</c> of any clone at idle priority too (a <c>dotnet run</c> beside the compile took 30.6 s
/// instead of 17.7 s), and one left from a normal-priority build would run this compile at normal priority.
/// </summary>
/// <param name="Linker">The C linker the compile uses (clang or gcc).</param>
/// <param name="Processors">The cores the compile may use (<c>DOTNET_PROCESSOR_COUNT</c>): one fewer than the machine has in the background.</param>
/// <param name="StandIn">A program run as <c>PROGRAM OUTPUT</c> instead of the publish (<c>BUILD_HOST_NATIVE_PUBLISH</c>: the tests' quick fake).</param>
public sealed record NativePublish(string Linker, int Processors, string? StandIn)
{
    public const string StandInVariable = "BUILD_HOST_NATIVE_PUBLISH";

    /// <summary>The C linker on <paramref name="path"/> (clang, the SDK's default, then gcc), or null.</summary>
    public static string? FindLinker(string? path) => new[] { "clang", "gcc" }.FirstOrDefault(name => OnPath(name, path));

    /// <summary>Whether a program of that name is in one of the folders of <paramref name="path"/>.</summary>
    public static bool OnPath(string name, string? path) =>
        (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, name)));

    public ProcessSpec Command(string project, string output)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_PROCESSOR_COUNT"] = Processors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        if (StandIn is not null)
        {
            return new ProcessSpec(StandIn, [output], environment);
        }

        var runtime = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        return new ProcessSpec("dotnet",
        [
            "publish", project,
            "--configuration", "Release",
            "--runtime", runtime,
            "--output", output,
            "--nologo",
            "--verbosity", "quiet",
            "--disable-build-servers",
            "-nodeReuse:false",
            "-p:UseSharedCompilation=false",
            "-p:PublishAot=true",
            $"-p:CppCompilerAndLinker={Linker}",
        ], environment);
    }
}
