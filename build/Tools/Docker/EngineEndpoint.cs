using System.Net.Sockets;
using System.Text.Json;
using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>
/// An engine's address as the docker client takes it in <c>DOCKER_HOST</c>: <c>unix:///path/docker.sock</c> or
/// <c>tcp://host:port</c>. Other schemes (ssh://, npipe://) have no endpoint here: the docker client handles them.
/// </summary>
public sealed record EngineEndpoint
{
    /// <summary>The socket every docker client tries when neither DOCKER_HOST nor a context says otherwise.</summary>
    public static readonly EngineEndpoint DefaultSocket = Unix("/var/run/docker.sock");

    private EngineEndpoint(string url, string? socketPath, string? host, int port)
    {
        Url = url;
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The value for DOCKER_HOST.</summary>
    public string Url { get; }

    /// <summary>The unix socket's path; null for a tcp endpoint.</summary>
    public string? SocketPath { get; }

    public string? Host { get; }

    public int Port { get; }

    public static EngineEndpoint Unix(string socketPath) => new("unix://" + socketPath, socketPath, null, 0);

    /// <summary>The endpoint a DOCKER_HOST value names (unset or empty: the default socket); null for schemes this client does not speak.</summary>
    public static EngineEndpoint? FromDockerHost(string? dockerHost)
    {
        if (string.IsNullOrEmpty(dockerHost))
        {
            return DefaultSocket;
        }

        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal) && dockerHost.Length > "unix://".Length)
        {
            return Unix(dockerHost["unix://".Length..]);
        }

        if (dockerHost.StartsWith("tcp://", StringComparison.Ordinal)
            && Uri.TryCreate("http://" + dockerHost["tcp://".Length..], UriKind.Absolute, out var uri)
            && uri.AbsolutePath is "/" or "")
        {
            // The docker client's default port for plain tcp.
            var port = uri.IsDefaultPort && !dockerHost.EndsWith(":80", StringComparison.Ordinal) ? 2375 : uri.Port;
            return new EngineEndpoint($"tcp://{uri.Host}:{port}", null, uri.Host, port);
        }

        return null;
    }

    /// <summary>A unix endpoint whose socket file exists, or a tcp one: one worth asking.</summary>
    public bool MayAnswer => SocketPath is null || File.Exists(SocketPath);

    /// <summary>Opens a connection to the engine.</summary>
    internal async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        Socket socket = SocketPath is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (SocketPath is not null)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(Host!, Port, cancellationToken).ConfigureAwait(false);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override string ToString() => Url;

    /// <summary>
    /// Whether the docker client would use a docker context rather than DOCKER_HOST/the default socket. DOCKER_HOST
    /// wins over a context in config.json, as in the client; an unreadable config counts as "maybe", so the client decides.
    /// </summary>
    /// <param name="environment">Reads an environment variable (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, HOME).</param>
    public static bool ContextChosen(Func<string, string?> environment)
    {
        if (environment("DOCKER_CONTEXT") is { Length: > 0 } context)
        {
            return context != "default";
        }

        if (!string.IsNullOrEmpty(environment("DOCKER_HOST")))
        {
            return false;
        }

        var directory = environment("DOCKER_CONFIG") is { Length: > 0 } configured ? configured
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".docker")
            : null;
        var config = directory is null ? null : Path.Combine(directory, "config.json");
        if (config is null || !File.Exists(config))
        {
            return false;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(config), EngineJson.Default.ClientConfigDocument)?.CurrentContext is { Length: > 0 } name
                && name != "default";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return true;
        }
    }
}
