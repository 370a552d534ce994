namespace Build.Tools.Compose;

/// <summary>Which Compose is on the machine: v2 as `docker compose`, v1 as `docker-compose`.</summary>
public sealed record ComposeClient(string Program, IReadOnlyList<string> Prefix, string Version)
{
    public static ComposeClient V2(string docker, string version) => new(docker, ["compose"], version);

    public static ComposeClient V1(string version) => new("docker-compose", [], version);

    /// <summary>For dry runs, where nothing is probed: Compose v2 through the configured docker client.</summary>
    public static ComposeClient Unprobed(string docker) => new(docker, ["compose"], "not probed");

    public bool IsV1 => Prefix.Count == 0;

    /// <summary>docker compose 2.26.1 or docker-compose 1.29.2: what the report's engine names.</summary>
    public string Name => IsV1 ? $"docker-compose {Version}" : $"docker compose {Version}";

    /// <summary>The command as a message names it: `/usr/bin/docker compose` or `docker-compose`.</summary>
    public string Command => string.Join(' ', [Program, .. Prefix]);

    public string Describe() => IsV1 ? $"docker-compose {Version} (Compose v1)" : $"docker compose {Version} (Compose v2)";
}
