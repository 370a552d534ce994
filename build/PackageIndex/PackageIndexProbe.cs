using System.Net;
using System.Net.Sockets;

namespace Build.PackageIndex;

/// <summary>Whether something accepts connections at an index's host and port (no request, no credentials).</summary>
public static class PackageIndexProbe
{
    public static bool Answers(Uri url, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(2);
        try
        {
            return IPAddress.TryParse(url.Host, out var address) ? Accepts(new IPEndPoint(address, url.Port), wait) : AcceptsByName(url, wait);
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    }

    /// <summary>
    /// An address (the usual case, a local index): a non-blocking connect on this thread, waited for with poll. The
    /// asynchronous connect would start the socket engine's thread and a pool thread for one answer.
    /// </summary>
    private static bool Accepts(IPEndPoint endpoint, TimeSpan timeout)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        try
        {
            socket.Connect(endpoint);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Writable when the connection is made or refused; the socket's error option tells which.
            return socket.Poll(timeout, SelectMode.SelectWrite) && (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! == 0;
        }
    }

    private static bool AcceptsByName(Uri url, TimeSpan timeout)
    {
        using var client = new TcpClient();
        return client.ConnectAsync(url.Host, url.Port).Wait(timeout) && client.Connected;
    }
}
