namespace Build.Tools.Docker;

/// <summary>
/// Where the project's own dockerd lives: fixed places outside any work tree, so every clone on the machine shares
/// one engine and one layer cache. <c>BRIDGE_ENGINE_DIR</c> moves the run directory (socket, pidfile, exec root, log)
/// and <c>BRIDGE_ENGINE_DATA</c> the data root: tests and developers who want an engine of their own set both. Kind: the
/// engine these places are for, wherever they were moved.
/// </summary>
public sealed record ProjectEngineLocation(string RunDirectory, string DataRoot, ProjectEngineKind Kind = ProjectEngineKind.Debian13)
{
    public const string RunDirectoryVariable = "BRIDGE_ENGINE_DIR";
    public const string DataRootVariable = "BRIDGE_ENGINE_DATA";
    public const string DefaultRunDirectory = "/run/omninode-bridge";
    public const string DefaultDataRoot = "/var/lib/omninode-bridge/docker";

    public string Socket => Path.Combine(RunDirectory, "docker.sock");

    public string PidFile => Path.Combine(RunDirectory, "dockerd.pid");

    /// <summary>dockerd's exec root (containerd's state and sockets); kept short, a unix socket path has at most 107 bytes.</summary>
    public string ExecRoot => Path.Combine(RunDirectory, "exec");

    public string LogFile => Path.Combine(RunDirectory, "dockerd.log");

    public EngineEndpoint Endpoint => EngineEndpoint.Unix(Socket);

    /// <summary>The Debian 13 engine's default places: beside the Debian 12 engine's, never shared with them (another store).</summary>
    public const string Debian13RunDirectory = "/run/omninode-bridge/debian13";
    public const string Debian13DataRoot = "/var/lib/omninode-bridge/debian13";

    /// <summary>
    /// The kind of project engine whose default socket this is; null for any other endpoint. A machine that ran the
    /// build before the default changed still has the other kind's engine running, and a user is better told which
    /// option reaches it than which socket.
    /// </summary>
    public static ProjectEngineKind? KindListeningOn(EngineEndpoint endpoint) =>
        Enum.GetValues<ProjectEngineKind>().Cast<ProjectEngineKind?>()
            .FirstOrDefault(kind => From(_ => null, kind!.Value).Endpoint.Url == endpoint.Url);

    public static ProjectEngineLocation From(Func<string, string?> environment, ProjectEngineKind kind = ProjectEngineKind.Debian12)
    {
        var debian13 = kind == ProjectEngineKind.Debian13;
        return new(
            environment(RunDirectoryVariable) is { Length: > 0 } run ? Path.GetFullPath(run) : debian13 ? Debian13RunDirectory : DefaultRunDirectory,
            environment(DataRootVariable) is { Length: > 0 } data ? Path.GetFullPath(data) : debian13 ? Debian13DataRoot : DefaultDataRoot,
            kind);
    }
}
