using System.Net.Sockets;

namespace Build.PackageIndex;

/// <summary>Whether something accepts connections at an index's host and port (no request, no credentials).</summary>
public static class PackageIndexProbe
{
    public static bool Answers(Uri url, TimeSpan? timeout = null)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(url.Host, url.Port).Wait(timeout ?? TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    }
}
