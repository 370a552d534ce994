using System.Text.Json;
using Build.Tools.Compose;
using Build.Tools.Docker.Documents;

namespace Build.Tools.Docker;

/// <summary>Runs the probes behind <see cref="DockerEngine"/> and <see cref="ComposeClient"/>.</summary>
public sealed class DockerProbe(ICommandRunner runner, DockerCommands docker)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The client's version and builder, for an engine already found to answer (so this asks no engine question that can fail first).</summary>
    public DockerEngine ProbeEngine(ResolvedEngine engine)
    {
        var version = runner.Capture(docker.Version(), ProbeTimeout);
        var (client, server, _, _) = DockerVersion.Parse(version.OutputText);
        if (client is null && !version.Output.Any(line => line.Contains("\"Client\"", StringComparison.Ordinal)))
        {
            // No client version at all: the program given is not a working docker client; the engine was never asked.
            var said = version.Error.Concat(version.Output).FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "no output";
            throw new CakeException(ExitCodes.DockerClientBroken,
                $"The docker client {docker.Executable} (--docker or BRIDGE_DOCKER) does not work: " +
                $"`{docker.Executable} version` exited {version.ExitCode} without reporting its own version ({said}). " +
                "Point --docker at a docker client (default: docker on PATH); the engine was not asked.");
        }

        if (!version.Succeeded || server is null)
        {
            // The engine answered its API a moment ago; this client cannot reach it (an old client, a TLS mismatch).
            var reason = version.Error.FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "no answer";
            throw new CakeException(ExitCodes.NoEngine,
                $"The docker client {docker.Executable} did not reach the engine at {engine.Endpoint.Url} ({reason}), although the engine answers there. " +
                "Point --docker at a client that can talk to it, then run the build again.");
        }

        return new DockerEngine(client ?? "unknown", engine.Version);
    }

    /// <summary>
    /// Compose v2 (the docker CLI plugin) or v1 (docker-compose), asked once per <paramref name="fingerprint"/> of the
    /// client, its plugin folders and docker-compose when <paramref name="answers"/> keeps them.
    /// </summary>
    public ComposeClient ProbeCompose(ToolProbeCache? answers = null, string fingerprint = "")
    {
        var answer = (answers ?? ToolProbeCache.None()).Answer($"compose of {docker.Executable}", fingerprint, AskCompose);
        if (answer?.Split(' ', 2) is ["v2", var v2Version])
        {
            return ComposeClient.V2(docker.Executable, v2Version);
        }

        if (answer?.Split(' ', 2) is ["v1", var v1Version])
        {
            return ComposeClient.V1(v1Version);
        }

        throw new CakeException(ExitCodes.NoCompose,
            "No Docker Compose found: neither `docker compose` (v2 plugin) nor `docker-compose` (v1) answered. " +
            "Install one (Debian: apt-get install docker-compose) and run the build again.");
    }

    /// <summary>"v2 VERSION", "v1 VERSION", or null when neither answered.</summary>
    private string? AskCompose()
    {
        var v2 = runner.Capture(docker.ComposeVersion(), ProbeTimeout);
        if (v2.Succeeded)
        {
            return $"v2 {ParseComposeV2Version(v2.OutputText)}";
        }

        try
        {
            var v1 = runner.Capture(
                ToolCommand.Create("docker-compose", new Cake.Core.IO.DirectoryPath(Environment.CurrentDirectory),
                    arguments => arguments.Append("version").Append("--short")),
                ProbeTimeout);
            if (v1.Succeeded)
            {
                return $"v1 {v1.OutputText.Trim()}";
            }
        }
        catch (CakeException exception) when (exception.ExitCode == ExitCodes.ToolMissing)
        {
            // Neither: the caller's message names both ways of getting Compose.
        }

        return null;
    }

    private static string ParseComposeV2Version(string output)
    {
        try
        {
            return JsonSerializer.Deserialize(output, EngineJson.Default.ComposeVersionDocument)?.Version ?? "v2";
        }
        catch (JsonException)
        {
            // An older plugin prints its version as text.
            return output.Trim();
        }
    }
}
