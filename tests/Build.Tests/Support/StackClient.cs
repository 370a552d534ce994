using System.Text.Json;
using Build.Reporting;
using Build.Swarm;
using Build.Tools.Docker;

namespace Build.Tests.Support;

/// <summary>
/// A caller of the deployed stack: asks the manager which orchestrator tasks run (their endpoints), and posts jobs.
/// Without a load balancer in front (no routing mesh here), it is the client that moves to another endpoint when
/// one refuses or drops the connection, as a load balancer would; a request fails only when no endpoint answers it.
/// </summary>
public sealed class StackClient(string managerSocket, string stack) : IDisposable
{
    private readonly EngineApi _engine = new(EngineEndpoint.Unix(managerSocket), TimeSpan.FromSeconds(10));
    // No proxy: the endpoints are addresses of the lab's own namespaces.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public SwarmApi Api => new(_engine);

    /// <summary>The stack as Deploy reports it: services, running tasks and their endpoints.</summary>
    public StackEntry Stack()
    {
        var api = Api;
        var nodes = api.Nodes();
        return StackConvergence.Entry(StackConvergence.JudgeAll(api.Services(stack), api.Tasks(stack), nodes, DateTimeOffset.MinValue), nodes);
    }

    public IReadOnlyList<string> OrchestratorEndpoints() =>
        Stack().Services.Where(service => service.Name == "orchestrator").SelectMany(service => service.Tasks).SelectMany(task => task.Endpoints).ToArray();

    /// <summary>One job of the values 1..12 in <paramref name="parts"/> parts; the JSON answer, or null when no endpoint answered 200.</summary>
    public JsonElement? Job(IReadOnlyList<string> endpoints, int parts, ref int retried)
    {
        var values = Enumerable.Range(1, 12).ToArray();
        var attempts = new List<string>();
        LastAttempts = attempts;
        // A random first endpoint, then each of the others once: a load balancer's round, never one endpoint twice.
        var first = Random.Shared.Next(endpoints.Count);
        for (var attempt = 0; attempt < endpoints.Count; attempt++)
        {
            var endpoint = endpoints[(first + attempt) % endpoints.Count];
            try
            {
                // A string body: the nodes want a Content-Length, and PostAsJsonAsync would send the JSON chunked.
                using var content = new StringContent(
                    JsonSerializer.Serialize(new JobRequest(values, parts), JobJson.Default.JobRequest), System.Text.Encoding.UTF8, "application/json");
                using var response = _http.PostAsync($"{endpoint}/jobs", content).GetAwaiter().GetResult();
                var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(body).RootElement.Clone();
                }

                attempts.Add($"{endpoint}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                // Refused or dropped before an answer: nothing was done, the next endpoint may take it.
                attempts.Add($"{endpoint}: {error.GetType().Name}: {error.Message}");
            }

            retried++;
        }

        return null;
    }

    /// <summary>What each endpoint of the last <see cref="Job"/> answered that was not the total: why a request failed.</summary>
    public IReadOnlyList<string> LastAttempts { get; private set; } = [];

    public void Dispose()
    {
        _http.Dispose();
        _engine.Dispose();
    }
}

/// <summary>Posts jobs in the background until stopped (or a bound is reached), asking for the endpoints before each.</summary>
public sealed class RequestLoop : IDisposable
{
    private const int MaximumRequests = 5000;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    /// <summary>Through the endpoints the manager reports, asked again before each request.</summary>
    public RequestLoop(StackClient client)
        : this(client, client.OrchestratorEndpoints)
    {
    }

    /// <summary>Through <paramref name="endpoints"/>: the stable addresses a load balancer would hold, never asked again.</summary>
    public RequestLoop(StackClient client, IReadOnlyList<string> endpoints)
        : this(client, () => endpoints)
    {
    }

    private RequestLoop(StackClient client, Func<IReadOnlyList<string>> orchestratorEndpoints)
    {
        _thread = new Thread(() =>
        {
            var retried = 0;
            while (!_stop.IsCancellationRequested && Requests < MaximumRequests)
            {
                IReadOnlyList<string> endpoints;
                try
                {
                    endpoints = orchestratorEndpoints();
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    Note($"the manager could not be asked for endpoints: {error.GetType().Name}: {error.Message}");
                    endpoints = [];
                }

                Requests++;
                if (endpoints.Count == 0)
                {
                    Note("no orchestrator endpoint running");
                }

                var answer = endpoints.Count == 0 ? null : client.Job(endpoints, 3, ref retried);
                if (answer is not { } json || json.GetProperty("total").GetInt32() != 78)
                {
                    Failed++;
                    if (endpoints.Count > 0)
                    {
                        Note($"no endpoint of {string.Join(" ", endpoints)} answered with the total: {answer} " +
                            $"({DateTime.UtcNow:HH:mm:ss.f}: {string.Join("; ", client.LastAttempts)})");
                    }
                }

                Retried = retried;
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public int Requests { get; private set; }

    /// <summary>The first distinct reasons of failed requests, for the assertion message.</summary>
    public IReadOnlyList<string> Reasons => _reasons;

    private readonly List<string> _reasons = [];

    private void Note(string reason)
    {
        if (_reasons.Count < 5 && !_reasons.Contains(reason))
        {
            _reasons.Add(reason);
        }
    }

    public int Failed { get; private set; }

    /// <summary>Attempts that went to another endpoint after a refused or dropped connection.</summary>
    public int Retried { get; private set; }

    public void Stop()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}

public sealed record JobRequest(int[] Values, int Parts);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JobRequest))]
internal sealed partial class JobJson : System.Text.Json.Serialization.JsonSerializerContext;
