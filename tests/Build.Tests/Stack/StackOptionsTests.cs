using System.Net;
using System.Net.Sockets;
using Build.Tests.Support;

namespace Build.Tests.Stack;

/// <summary>Every port of the orchestrator's range already taken on 127.0.0.1: a clear failure, and --down-on-failure cleans up.</summary>
[Category("Docker")]
[NonParallelizable]
[Category("Host")]
public sealed class StackOptionsTests
{
    private const string Project = "bridge-port-test";

    private static readonly string Registry = $"stack-options-test.local/{Guid.NewGuid():N}"[..40];

    [Test]
    public void ComposeUp_with_every_published_port_taken_fails_clearly_and_leaves_nothing_with_down_on_failure()
    {
        var client = DockerEngineRequirement.RequireClient(DockerEngineRequirement.BuildKitClient);
        var listeners = new List<TcpListener>();
        try
        {
            // The compose file publishes the orchestrator on 127.0.0.1:18060-18079.
            foreach (var port in Enumerable.Range(18060, 20))
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose(); // already taken by someone else: just as good for this test
                }
            }

            // Image names of its own: the build would otherwise tag (or rebuild) the user's orchestrator:prod and reducer:prod.
            var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=ComposeUp", "--build-target=production",
                $"--project-name={Project}", $"--docker={client}", "--down-on-failure", "--wait-timeout=60", $"--registry={Registry}");
            var left = DockerEngineRequirement.Docker("ps", "-aq", "--filter", $"label=com.docker.compose.project={Project}").Output.Trim();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.StackNotAsAsked), result.All);
                Assert.That(result.All, Does.Contain("up` failed"));
                Assert.That(result.All, Does.Contain("already allocated").Or.Contain("already in use"));
                Assert.That(result.All, Does.Contain("taken down (--down-on-failure)"));
                Assert.That(result.All, Does.Not.Contain("   at "));
                Assert.That(left, Is.Empty, "--down-on-failure removed the project's containers");
            }
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }

            HostRun.In(HostRun.RepositoryRoot, null, "--target=ComposeDown", $"--project-name={Project}", $"--docker={client}");
            DockerImages.RemoveRepositories(Registry + "/");
        }
    }
}
