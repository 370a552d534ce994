using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>
/// Read-only questions to a local engine straight over its unix socket (the Docker Engine API), for the one question
/// every run asks: "what do you have under these image names?". Starting the docker client for it costs about 40 ms
/// per call here (a Go program, its config and context lookup, then the same HTTP request); the request itself costs
/// well under a millisecond. Everything else, builds included, still goes through the docker client.
/// </summary>
/// <remarks>
/// Used only where the client would talk to the very same socket: <c>DOCKER_HOST</c> unset or <c>unix://</c>, no
/// docker context chosen (<c>DOCKER_CONTEXT</c>, or <c>currentContext</c> in the client's config.json), and the
/// socket file exists. Any answer it cannot read makes the caller fall back to <c>docker image inspect</c>.
/// </remarks>
public sealed class EngineSocket(string socketPath, TimeSpan timeout)
{
    public string SocketPath { get; } = socketPath;

    /// <summary>The engine socket the docker client would use, when <see cref="EngineSocket"/> may stand in for it.</summary>
    /// <param name="environment">Reads an environment variable (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, HOME).</param>
    public static EngineSocket? ForLocalEngine(Func<string, string?> environment, TimeSpan timeout)
    {
        var socket = LocalSocketPath(environment("DOCKER_HOST"));
        if (socket is null || !File.Exists(socket) || ContextChosen(environment))
        {
            return null;
        }

        return new EngineSocket(socket, timeout);
    }

    /// <summary>The unix socket a DOCKER_HOST names (unset: the default socket); null for tcp://, ssh:// and the like.</summary>
    public static string? LocalSocketPath(string? dockerHost) =>
        string.IsNullOrEmpty(dockerHost) ? "/var/run/docker.sock"
        : dockerHost.StartsWith("unix://", StringComparison.Ordinal) ? dockerHost["unix://".Length..]
        : null;

    /// <summary>
    /// Whether the client would use a docker context rather than DOCKER_HOST/the default socket. DOCKER_HOST wins
    /// over a context in config.json, as in the client; an unreadable config counts as "maybe", so the client decides.
    /// </summary>
    private static bool ContextChosen(Func<string, string?> environment)
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
            using var document = JsonDocument.Parse(File.ReadAllBytes(config));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("currentContext", out var current)
                && current.ValueKind == JsonValueKind.String
                && current.GetString() is { Length: > 0 } name && name != "default";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return true;
        }
    }

    /// <summary>
    /// <c>GET /images/{reference}/json</c>: the engine's image inspect document, <see cref="EngineAnswer.NotFound"/>
    /// for a 404, null when the engine could not be asked or answered something else (the caller then asks the client).
    /// </summary>
    public EngineAnswer? InspectImage(string reference)
    {
        if (reference.Length == 0 || reference.Any(c => c <= ' ' || c is '?' or '#' or '%'))
        {
            return null;
        }

        var response = Get($"/images/{reference}/json");
        return response switch
        {
            { Status: 200 } => new EngineAnswer(response.Body),
            { Status: 404 } => EngineAnswer.NotFound,
            _ => null,
        };
    }

    /// <summary>
    /// <c>GET /containers/json?all=1</c> filtered by one label: the engine's container list (a JSON array with each
    /// container's Id, Names, Labels, State and a Status text that carries the health), null when it could not be read.
    /// </summary>
    public string? ContainersWithLabel(string label)
    {
        var filters = Uri.EscapeDataString($$"""{"label":["{{System.Text.Json.JsonEncodedText.Encode(label)}}"]}""");
        return Get($"/containers/json?all=1&filters={filters}") is { Status: 200 } response ? response.Body : null;
    }

    /// <summary>One HTTP/1.1 GET on a fresh connection; null on any transport or protocol failure.</summary>
    internal HttpAnswer? Get(string path)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = socket.SendTimeout = (int)timeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            socket.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: omninode-bridge-build\r\nConnection: close\r\n\r\n"));
            using var received = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = socket.Receive(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return HttpAnswer.Parse(received.ToArray());
        }
        catch (Exception error) when (error is SocketException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }
}

/// <summary>The engine's answer to an inspect: its JSON document, or "no such object".</summary>
public sealed record EngineAnswer(string? Json)
{
    public static readonly EngineAnswer NotFound = new((string?)null);

    public bool Found => Json is not null;
}

/// <summary>A parsed HTTP/1.1 response: status code and body (Content-Length, chunked, or up to the close).</summary>
internal sealed record HttpAnswer(int Status, string Body)
{
    public static HttpAnswer? Parse(byte[] response)
    {
        var headerEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(response, 0, headerEnd).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in lines.Skip(1).Select(line => line.Split(':', 2)).Where(pair => pair.Length == 2))
        {
            headers[pair[0].Trim()] = pair[1].Trim(); // a repeated header: the last one counts
        }
        var body = response.AsSpan(headerEnd + 4);
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return Dechunk(body) is { } whole ? new HttpAnswer(status, Encoding.UTF8.GetString(whole)) : null;
        }

        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > body.Length)
            {
                return null;
            }

            body = body[..length];
        }

        return new HttpAnswer(status, Encoding.UTF8.GetString(body));
    }

    private static byte[]? Dechunk(ReadOnlySpan<byte> body)
    {
        using var whole = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return null;
            }

            var sizeText = Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return null;
            }

            body = body[(lineEnd + 2)..];
            if (size == 0)
            {
                return whole.ToArray();
            }

            if (body.Length < size + 2)
            {
                return null;
            }

            whole.Write(body[..size]);
            body = body[(size + 2)..];
        }
    }
}
