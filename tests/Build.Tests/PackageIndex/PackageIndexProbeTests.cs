using System.Net;
using System.Net.Sockets;
using Build.PackageIndex;

namespace Build.Tests.PackageIndex;

/// <summary>The probe against real sockets on the loopback address: a listener that accepts, and a port nothing holds.</summary>
public sealed class PackageIndexProbeTests
{
    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public void A_listening_index_answers(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.That(PackageIndexProbe.Answers(new Uri($"http://{host}:{port}/simple/")), Is.True);
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public void A_port_nothing_listens_on_does_not_answer(string host)
    {
        var port = FreePort();

        Assert.That(PackageIndexProbe.Answers(new Uri($"http://{host}:{port}/simple/"), TimeSpan.FromSeconds(2)), Is.False);
    }

    [Test]
    public void A_refused_connection_is_told_at_once_not_after_the_timeout()
    {
        var port = FreePort();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var answers = PackageIndexProbe.Answers(new Uri($"http://127.0.0.1:{port}/simple/"), TimeSpan.FromSeconds(30));

        Assert.That((answers, watch.Elapsed < TimeSpan.FromSeconds(20)), Is.EqualTo((false, true)));
    }

    /// <summary>A port that was free a moment ago: bound, read and released.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
