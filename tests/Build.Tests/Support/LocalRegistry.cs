using System.Diagnostics;
using System.Net.Sockets;

namespace Build.Tests.Support;

/// <summary>
/// A real registry (Debian's docker-registry, distribution 2.x) on 127.0.0.1 and a free port, with its storage in a
/// temp folder; optionally behind htpasswd basic auth (bcrypt hashes from Python's crypt, which libxcrypt backs).
/// </summary>
public sealed class LocalRegistry : IDisposable
{
    public const string Program = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _storage;

    public LocalRegistry((string User, string Password)? login = null)
    {
        Port = FreePort();
        _storage = Directory.CreateTempSubdirectory("bridge-registry-").FullName;
        var auth = "";
        if (login is { } credentials)
        {
            var htpasswd = Path.Combine(_storage, "htpasswd");
            var (exitCode, hash) = DockerEngineRequirement.Run("python3", "-c",
                $"import crypt; print(crypt.crypt('{credentials.Password}', crypt.mksalt(crypt.METHOD_BLOWFISH)))");
            Assert.That(exitCode, Is.Zero, hash);
            File.WriteAllText(htpasswd, $"{credentials.User}:{hash.Trim()}\n");
            auth = $"""
                auth:
                  htpasswd:
                    realm: bridge-tests
                    path: {htpasswd}
                """;
        }

        var config = Path.Combine(_storage, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            storage:
              filesystem:
                rootdirectory: {_storage}/data
            http:
              addr: 127.0.0.1:{Port}
            {auth}
            """);
        _process = Process.Start(new ProcessStartInfo(Program, ["serve", config])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Listening(Port))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the registry did not start listening");
            Thread.Sleep(100);
        }
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Ignored with the reason on a laptop without docker-registry; failed when CI is set.</summary>
    public static void Require()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        if (File.Exists(Program))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail("CI is set but docker-registry is not installed (.ci/run installs it).");
        }

        Assert.Ignore("docker-registry is not installed (apt-get install docker-registry).");
    }

    /// <summary>Stops the registry and removes the engine's tags under its address: they name a registry that is gone.</summary>
    public void Dispose()
    {
        DockerImages.RemoveRepositories(Address + "/");
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_storage, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
