namespace Build.Tools;

public static class ToolHints
{
    public static string HowToInstall(string program) => Path.GetFileName(program) switch
    {
        "docker" => "Install Docker (Debian: apt-get install docker.io) or point the build at a client with --docker=PATH.",
        "dockerd" => "Install the Docker engine (Debian: apt-get install docker.io), or point DOCKER_HOST at a running engine.",
        "docker-compose" => "Install Compose (Debian: apt-get install docker-compose for v1, or the docker compose plugin for v2).",
        "poetry" => "Install Poetry (Debian: apt-get install python3-poetry; elsewhere: pipx install poetry) or pass --poetry=PATH.",
        "python3" => "Install Python 3 (Debian: apt-get install python3).",
        "dotnet" => "Install the .NET SDK named in global.json.",
        _ => "Install it or put it on PATH.",
    };
}
