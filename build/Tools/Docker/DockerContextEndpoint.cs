using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Build.Tools.Docker.Documents;

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
        Read(Path.Combine(directory, "config.json"), EngineJson.Default.ClientConfigDocument)?.CurrentContext;

    private static string? ReadHost(string meta) =>
        Read(meta, EngineJson.Default.ContextMetaDocument)?.Endpoints?.GetValueOrDefault("docker")?.Host;

    private static T? Read<T>(string path, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
