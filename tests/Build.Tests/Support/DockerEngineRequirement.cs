namespace Build.Tests.Support;

/// <summary>
/// Engine tests are never skipped silently (like Npgsql's IgnoreExceptOnBuildServer): without a Docker engine they
/// are ignored with the reason on a laptop, and fail when CI is set, where .ci/run must have started one.
/// </summary>
public static class DockerEngineRequirement
{
    private static readonly Lazy<string?> Problem = new(Probe);

    public const string LegacyClient = "/usr/local/bin/docker";
    public const string BuildKitClient = "/usr/bin/docker";

    public static void Require()
    {
        if (Problem.Value is { } problem)
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail($"CI is set but no Docker engine answers: {problem}. " +
                    "./build.sh --target=Test provisions one (the project engine) before the suites run.");
            }

            Assert.Ignore($$"""No Docker engine answers ({{problem}}); ./build.sh --target=Test finds or starts one """ +
                """(or: eval "export $(./build.sh --target=Engine | grep ^DOCKER_HOST=)").""");
        }
    }

    /// <summary>A docker client of the machine; ignored (failed in CI) when that client is not installed.</summary>
    public static string RequireClient(string path)
    {
        Require();
        if (!File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail($"CI is set but the docker client {path} is missing.");
            }

            Assert.Ignore($"The docker client {path} is not installed here.");
        }

        return path;
    }

    public static (int ExitCode, string Output) Docker(params string[] arguments) => Run(BuildKitClient, arguments);

    public static (int ExitCode, string Output) Run(string program, params string[] arguments) => RunIn(null, null, program, arguments);

    /// <summary>As <see cref="Run"/>, in a working directory, with variables set (or removed, where the value is null).</summary>
    public static (int ExitCode, string Output) RunIn(
        string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, string program, params string[] arguments)
    {
        var (exitCode, output, error) = TestEnvironment.Run(program, arguments, workingDirectory, environment);
        return (exitCode, output + error);
    }

    private static string? Probe()
    {
        try
        {
            var (exitCode, output) = Docker("version", "--format", "{{.Server.Version}}");
            return exitCode == 0 ? null : output.Trim();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return exception.Message;
        }
    }
}
