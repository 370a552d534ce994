using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>
/// Read-only questions to an engine over the Docker Engine API (<c>GET</c> on its unix socket or tcp port), with the
/// base library's <see cref="HttpClient"/>. Starting the docker client for a question costs about 40 ms here (a Go
/// program, its config and context lookup, then the same HTTP request); the request itself well under a
/// millisecond. Builds, pushes and deploys still go through the docker client, which the user can see and repeat.
/// </summary>
public sealed class EngineApi : IDisposable
{
    /// <summary>The API version every engine from 20.10 on speaks; pinned so answers have one shape.</summary>
    public const string ApiVersion = "v1.41";

    private readonly HttpClient _http;

    public EngineApi(EngineEndpoint endpoint, TimeSpan timeout)
    {
        Endpoint = endpoint;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => endpoint.ConnectAsync(cancellationToken),
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler)
        {
            // The host name is never resolved: every connection goes to the endpoint.
            BaseAddress = new Uri("http://docker/"),
            Timeout = timeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("omninode-bridge-build");
    }

    public EngineEndpoint Endpoint { get; }

    /// <summary>
    /// The engine the docker client would talk to, when this API may stand in for it: DOCKER_HOST unset, unix:// or
    /// plain tcp:// (no DOCKER_TLS_VERIFY: TLS client certificates stay the client's business), no docker context
    /// chosen, and (for a unix socket) the socket file exists. Null: ask the client.
    /// </summary>
    /// <param name="environment">Reads an environment variable (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CONTEXT, DOCKER_CONFIG, HOME).</param>
    public static EngineApi? ForClientEngine(Func<string, string?> environment, TimeSpan timeout) =>
        EngineEndpoint.FromDockerHost(environment("DOCKER_HOST")) is { MayAnswer: true } endpoint
        && (endpoint.SocketPath is not null || string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY")))
        && !EngineEndpoint.ContextChosen(environment)
            ? new EngineApi(endpoint, timeout)
            : null;

    /// <summary>One GET; null on any transport failure (no listener, timeout, not HTTP).</summary>
    public EngineResponse? Get(string path, CancellationToken cancellationToken = default) =>
        Fetch(path, (content, token) => content.ReadAsStringAsync(token), (status, body) => new EngineResponse(status, body), cancellationToken);

    /// <summary>
    /// One GET whose body is bytes, not text: the multiplexed log streams (<c>/services/{id}/logs</c>,
    /// <c>/tasks/{id}/logs</c>), whose 8-byte frame headers do not survive decoding as UTF-8. Null on a transport failure.
    /// </summary>
    public (int Status, byte[] Body)? GetBytes(string path, CancellationToken cancellationToken = default) =>
        Fetch(path, (content, token) => content.ReadAsByteArrayAsync(token), (status, body) => ((int, byte[])?)(status, body), cancellationToken);

    private T? Fetch<TBody, T>(
        string path, Func<HttpContent, CancellationToken, Task<TBody>> read, Func<int, TBody, T> answer, CancellationToken cancellationToken)
    {
        try
        {
            using var response = _http.GetAsync(path.TrimStart('/'), cancellationToken).GetAwaiter().GetResult();
            var body = read(response.Content, cancellationToken).GetAwaiter().GetResult();
            return answer((int)response.StatusCode, body);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return default;
        }
    }

    /// <summary>One GET answered 200 with a document of type <typeparamref name="T"/>; null for anything else.</summary>
    public T? Get<T>(string path, JsonTypeInfo<T> type) where T : class =>
        Get(path) is { Status: 200 } response ? response.Read(type) : null;

    /// <summary>Whether the engine answers at all (<c>GET /_ping</c> → <c>OK</c>).</summary>
    public bool Ping() => Get("/_ping") is { Status: 200 };

    /// <summary>The engine's version (<c>GET /version</c>), null when it does not answer.</summary>
    public string? ServerVersion() => Get("/version", EngineJson.Default.EngineVersionDocument)?.Version;

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

        return Get($"/{ApiVersion}/images/{reference}/json") switch
        {
            { Status: 200 } found => new EngineAnswer(found.Body),
            { Status: 404 } => EngineAnswer.NotFound,
            _ => null,
        };
    }

    /// <summary>The <c>Size</c> that <c>GET /images/json</c> lists for <paramref name="reference"/>; null when not listed or not asked.</summary>
    public long? ListedImageSize(string reference)
    {
        var filters = Uri.EscapeDataString($$"""{"reference":["{{JsonEncodedText.Encode(reference)}}"]}""");
        return Get($"/{ApiVersion}/images/json?filters={filters}", EngineJson.Default.ImageDocumentArray) is [{ Size: { } size }, ..] ? size : null;
    }

    /// <summary>
    /// The inspect documents of every container (running or not) carrying <paramref name="label"/>: the ids from
    /// <c>GET /containers/json?all=1</c> filtered by the label, then <c>GET /containers/{id}/json</c> for each (the
    /// same documents <c>docker container inspect</c> prints). A container removed between the two questions is left
    /// out; null when the list could not be read.
    /// </summary>
    public IReadOnlyList<ContainerDocument>? ContainersWithLabel(string label)
    {
        var filters = Uri.EscapeDataString($$"""{"label":["{{JsonEncodedText.Encode(label)}}"]}""");
        if (Get($"/{ApiVersion}/containers/json?all=1&filters={filters}", EngineJson.Default.ContainerSummaryDocumentArray) is not { } listed)
        {
            return null;
        }

        var containers = new List<ContainerDocument>();
        foreach (var id in listed.Select(container => container.Id).OfType<string>())
        {
            if (Get($"/{ApiVersion}/containers/{Uri.EscapeDataString(id)}/json", EngineJson.Default.ContainerDocument) is { } container)
            {
                containers.Add(container);
            }
        }

        return containers;
    }

    public void Dispose() => _http.Dispose();
}
