using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>
/// The engine endpoint of the docker context the client would use (DOCKER_CONTEXT, else config.json's
/// currentContext), read from the context store the client keeps: <c>contexts/meta/&lt;sha256 of the name&gt;/meta.json</c>.
/// </summary>
public static class DockerContextEndpoint
{
    /// <summary>The chosen context's name and its docker endpoint (null when unreadable or not one this client speaks).</summary>
    public static (string Name, EngineEndpoint? Endpoint)? Chosen(Func<string, string?> environment)
    {
        if (!EngineEndpoint.ContextChosen(environment))
        {
            return null;
        }

        var directory = environment("DOCKER_CONFIG") is { Length: > 0 } configured ? configured
            : Path.Combine(environment("HOME") ?? "/root", ".docker");
        var name = environment("DOCKER_CONTEXT") is { Length: > 0 } fromEnvironment ? fromEnvironment : CurrentContext(directory);
        if (name is null)
        {
            return ("(unreadable config.json)", null);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var meta = Path.Combine(directory, "contexts", "meta", hash, "meta.json");
        return (name, ReadHost(meta) is { } host ? EngineEndpoint.FromDockerHost(host) : null);
    }

    private static string? CurrentContext(string directory) =>
        Read(Path.Combine(directory, "config.json"), root => root.TryGetProperty("currentContext", out var current) ? current.GetString() : null);

    private static string? ReadHost(string meta) =>
        Read(meta, root => root.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var docker)
            && docker.TryGetProperty("Host", out var host) ? host.GetString() : null);

    private static string? Read(string path, Func<JsonElement, string?> select)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object ? select(document.RootElement) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
