using System.Text.Json;

namespace Build.Tools.Docker;

/// <summary>
/// The configured docker client and the engine it reaches. Which client builds, and with which builder, is
/// <see cref="BuilderChoice"/>'s question (<see cref="BuilderProbe"/>).
/// </summary>
public sealed record DockerEngine(string ClientVersion, string ServerVersion)
{
    /// <summary>Parses `docker version --format '{{json .}}'`: {"Client":{"Version":…},"Server":{"Version":…}}.</summary>
    public static (string? Client, string? Server) ParseVersions(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            string? Read(string section) =>
                document.RootElement.TryGetProperty(section, out var element) && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("Version", out var version) ? version.GetString() : null;
            return (Read("Client"), Read("Server"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
