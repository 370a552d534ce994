using System.Text.Json;
using Build.Tools.Compose;
using Cake.Core;

namespace Build.Tools.Docker;

/// <summary>What the docker client and engine of this machine can do, probed once per run.</summary>
public sealed record DockerEngine(string ClientVersion, string ServerVersion, DockerBuilder Builder)
{
    /// <summary>Clients from 23 on build with buildx or fall back to the legacy builder; older ones have BuildKit inside.</summary>
    public const int FirstClientWithoutBuiltInBuildKit = 23;

    public static DockerBuilder ChooseBuilder(string clientVersion, bool hasBuildx)
    {
        if (hasBuildx)
        {
            return DockerBuilder.Buildx;
        }

        return MajorVersion(clientVersion) is { } major && major < FirstClientWithoutBuiltInBuildKit
            ? DockerBuilder.BuildKitEnvironment
            : DockerBuilder.Legacy;
    }

    public static int? MajorVersion(string version)
    {
        var digits = new string(version.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : null;
    }

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

/// <summary>Runs the probes behind <see cref="DockerEngine"/> and <see cref="ComposeClient"/>.</summary>
public sealed class DockerProbe(CommandRunner runner, DockerCommands docker, Func<string, string?> environment)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    public DockerEngine ProbeEngine()
    {
        var version = runner.Capture(docker.Version(), ProbeTimeout);
        var (client, server) = DockerEngine.ParseVersions(version.OutputText);
        if (!version.Succeeded || server is null)
        {
            var host = environment("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
            var reason = version.Error.FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "no answer";
            throw new CakeException(ExitCodes.NoEngine,
                $"No Docker engine answered at {host} ({reason}). Start one (systemctl start docker, or scripts/dockerd.sh start in this repository) " +
                "or point DOCKER_HOST at a running engine, then run the build again.");
        }

        var hasBuildx = runner.Capture(docker.BuildxVersion(), ProbeTimeout).Succeeded;
        return new DockerEngine(client ?? "unknown", server, DockerEngine.ChooseBuilder(client ?? "", hasBuildx));
    }

    public ComposeClient ProbeCompose()
    {
        var v2 = runner.Capture(docker.ComposeVersion(), ProbeTimeout);
        if (v2.Succeeded)
        {
            return ComposeClient.V2(docker.Executable, ParseComposeV2Version(v2.OutputText));
        }

        try
        {
            var v1 = runner.Capture(ToolCommand.Create("docker-compose", new Cake.Core.IO.DirectoryPath(Environment.CurrentDirectory), arguments => arguments.Append("version").Append("--short")), ProbeTimeout);
            if (v1.Succeeded)
            {
                return ComposeClient.V1(v1.OutputText.Trim());
            }
        }
        catch (CakeException exception) when (exception.ExitCode == ExitCodes.ToolMissing)
        {
            // Fall through to the message below, which names both ways of getting Compose.
        }

        throw new CakeException(ExitCodes.NoCompose,
            "No Docker Compose found: neither `docker compose` (v2 plugin) nor `docker-compose` (v1) answered. " +
            "Install one (Debian: apt-get install docker-compose) and run the build again.");
    }

    private static string ParseComposeV2Version(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "v2" : "v2";
        }
        catch (JsonException)
        {
            return json.Trim();
        }
    }
}
