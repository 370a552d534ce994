using System.Net.Sockets;
using System.Text;

namespace Build.Tests.Support;

/// <summary>A unix socket server answering each GET with a canned HTTP response, then closing the connection.</summary>
internal sealed class CannedEngine : IDisposable
{
    /// <summary>An HTTP answer with a JSON body.</summary>
    public static string Http(int status, string body) =>
        $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    public CannedEngine(string path, Func<string, string> respond)
    {
        Path = path;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
        _loop = Task.Run(() =>
        {
            while (true)
            {
                Socket connection;
                try
                {
                    connection = _listener.Accept();
                }
                catch (Exception error) when (error is SocketException or ObjectDisposedException)
                {
                    return; // disposed: the test is over
                }

                using (connection)
                {
                    var request = new StringBuilder();
                    var buffer = new byte[4096];
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = connection.Receive(buffer);
                        if (read == 0)
                        {
                            break;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var target = request.ToString().Split(' ')[1];
                    lock (_requests)
                    {
                        _requests.Add(target);
                    }

                    connection.Send(Encoding.UTF8.GetBytes(respond(target)));
                    connection.Shutdown(SocketShutdown.Both);
                }
            }
        });
    }

    public string Path { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
