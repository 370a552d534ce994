using System.Net.Sockets;
using System.Text;

namespace Build.Tests.Support;

/// <summary>A unix socket server answering each GET with a canned HTTP response, then closing the connection.</summary>
internal sealed class CannedEngine : IDisposable
{
    /// <summary>An HTTP answer with a JSON body.</summary>
    public static string Http(int status, string body) =>
        $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>
    /// An engine for host tests whose docker client is a stand-in script: it answers the build's engine questions
    /// (ping, version) and has the local base images, so the run gets as far as the client's `docker build`.
    /// </summary>
    public static CannedEngine WithLocalBaseImages(string path) => new(path, request => request switch
    {
        "/_ping" => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 2\r\n\r\nOK",
        "/version" => Http(200, """{"Version":"20.10.24-canned","ApiVersion":"1.41"}"""),
        _ when request.StartsWith("/v1.41/images/omninode/", StringComparison.Ordinal) && request.EndsWith("/json", StringComparison.Ordinal) =>
            Http(200, "{\"Id\":\"sha256:" + new string('b', 64) + "\",\"RepoTags\":[\"" + request["/v1.41/images/".Length..^"/json".Length] +
                "\"],\"Size\":1,\"Config\":{\"Labels\":null}}"),
        _ => Http(404, """{"message":"no such object"}"""),
    });

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
