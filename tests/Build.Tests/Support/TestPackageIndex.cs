using System.Net.Sockets;

namespace Build.Tests.Support;

/// <summary>
/// A package index of the test's own: scripts/package-index.sh with its state in a temp folder and a free port on
/// 127.0.0.1, so a test can stop it, or refuse a password, without touching the project's index on 3141 that other
/// builds on the machine use. The wheels are copied from the project's index when it has made them (the same bytes:
/// the script makes them reproducibly), else the script makes them from Debian's mirror.
/// </summary>
public sealed class TestPackageIndex : IDisposable
{
    public const string UsernameVariable = "POETRY_HTTP_BASIC_OMNINODE_INDEX_USERNAME";
    public const string PasswordVariable = "POETRY_HTTP_BASIC_OMNINODE_INDEX_PASSWORD";

    private static string ScriptPath => Path.Combine(HostRun.RepositoryRoot, "scripts", "package-index.sh");

    private readonly string _state = Directory.CreateTempSubdirectory("bridge-test-index-").FullName;

    public TestPackageIndex()
    {
        var projectWheels = Path.Combine(Environment.GetEnvironmentVariable("BRIDGE_INDEX_DIR") ?? "/var/lib/omninode-bridge/package-index", "wheels");
        if (Directory.Exists(projectWheels))
        {
            ScratchRepository.Copy(projectWheels, Path.Combine(_state, "wheels"));
        }

        using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        Start();
    }

    public int Port { get; }

    /// <summary>The source URL as pyproject.toml spells it.</summary>
    public string Url => $"http://127.0.0.1:{Port}/simple/";

    public string Username { get; private set; } = "";

    public string Password { get; private set; } = "";

    /// <summary>The credentials as Poetry and the build read them.</summary>
    public IReadOnlyDictionary<string, string> Credentials(string? password = null) => new Dictionary<string, string>
    {
        [UsernameVariable] = Username,
        [PasswordVariable] = password ?? Password,
    };

    public void Start()
    {
        var (exitCode, output) = Script("up");
        Assert.That(exitCode, Is.Zero, output);
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(UsernameVariable + "=", StringComparison.Ordinal))
            {
                Username = line[(UsernameVariable.Length + 1)..].Trim();
            }
            else if (line.StartsWith(PasswordVariable + "=", StringComparison.Ordinal))
            {
                Password = line[(PasswordVariable.Length + 1)..].Trim();
            }
        }

        Assert.That(Password, Is.Not.Empty, output);
    }

    /// <summary>Stops the index (the script stops the pid in its own pidfile, the process it started) and waits until it is gone.</summary>
    public void Stop()
    {
        var (exitCode, output) = Script("down");
        Assert.That(exitCode, Is.Zero, output);
    }

    public void Dispose()
    {
        Script("down");
        Directory.Delete(_state, recursive: true);
    }

    private (int ExitCode, string Output) Script(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", [ScriptPath, command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["BRIDGE_INDEX_DIR"] = _state;
        start.Environment["BRIDGE_INDEX_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
