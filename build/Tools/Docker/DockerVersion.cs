using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>
/// What <c>docker version --format '{{json .}}'</c> printed, read in one place for everyone who runs it
/// (<see cref="DockerProbe"/>, <see cref="DockerClientFacts"/>): the client's version, and the server's version, OS
/// and API version when the engine answered. A value that is missing (no engine, not JSON) is null.
/// </summary>
public sealed record DockerVersion(string? Client, string? Server, string? ServerOs, string? ServerApi)
{
    public static DockerVersion Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            string? Read(string section, string property) =>
                document.RootElement.TryGetProperty(section, out var element) && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new DockerVersion(Read("Client", "Version"), Read("Server", "Version"), Read("Server", "Os"), Read("Server", "ApiVersion"));
        }
        catch (JsonException)
        {
            // Not a docker client (or a broken one): nothing it says is a version.
            return new DockerVersion(null, null, null, null);
        }
    }
}
