using System.Diagnostics;
using System.Net.Sockets;
using Build.Tests.Support;

namespace Build.Tests.Docker;

/// <summary>Push to a real registry (Debian's docker-registry, started here on 127.0.0.1) and pull back the same digest.</summary>
[Category("Docker")]
[NonParallelizable]
public sealed class PushTests
{
    private Process? _registry;
    private string? _storage;
    private int _port;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        if (!File.Exists("/usr/bin/docker-registry"))
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail("CI is set but docker-registry is not installed (.ci/run installs it).");
            }

            Assert.Ignore("docker-registry is not installed (apt-get install docker-registry).");
        }

        _port = FreePort();
        _storage = Directory.CreateTempSubdirectory("bridge-registry-").FullName;
        var config = Path.Combine(_storage, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            storage:
              filesystem:
                rootdirectory: {_storage}/data
            http:
              addr: 127.0.0.1:{_port}
            """);
        _registry = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry", ["serve", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
        _registry!.ErrorDataReceived += (_, _) => { };
        _registry.OutputDataReceived += (_, _) => { };
        _registry.BeginErrorReadLine();
        _registry.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Listening(_port))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the registry did not start listening");
            Thread.Sleep(100);
        }
    }

    [OneTimeTearDown]
    public void StopRegistry()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill();
            _registry.WaitForExit();
        }

        _registry?.Dispose();

        if (_storage is not null)
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Test]
    public void Push_sends_every_tag_and_the_image_pulls_back_with_the_same_digest()
    {
        var registry = $"127.0.0.1:{_port}/omninode";
        var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Push", $"--registry={registry}", $"--docker={DockerEngineRequirement.BuildKitClient}");
        Assert.That(result.ExitCode, Is.Zero, result.All);

        var reference = $"{registry}/reducer:prod";
        var pushedDigest = RepoDigest(reference);
        Assert.That(pushedDigest, Does.StartWith($"{registry}/reducer@sha256:"));

        // Forget every local name of the image, then pull it back from the registry.
        DockerEngineRequirement.Docker("image", "rm", reference);
        var (pullExit, pullOutput) = DockerEngineRequirement.Docker("pull", reference);
        Assert.That(pullExit, Is.Zero, pullOutput);
        Assert.That(RepoDigest(reference), Is.EqualTo(pushedDigest));

        var (_, tags) = DockerEngineRequirement.Run("/usr/bin/curl", "-s", $"http://127.0.0.1:{_port}/v2/omninode/orchestrator/tags/list");
        Assert.That(tags, Does.Contain("\"prod\"").And.Contain("\"latest\"").And.Contain("\"0.1.0\""));
    }

    [Test]
    public void Push_without_a_registry_says_which_option_is_missing()
    {
        var result = HostRun.Run("--target=Push", "--exclusive");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.All, Does.Contain("--registry=HOST[:PORT]/NAMESPACE"));
        }
    }

    private static string RepoDigest(string reference)
    {
        var (_, output) = DockerEngineRequirement.Docker("image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", reference);
        var repository = reference[..reference.LastIndexOf(':')];
        return output.Split('\n').FirstOrDefault(line => line.StartsWith(repository + "@", StringComparison.Ordinal))?.Trim() ?? "";
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
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
