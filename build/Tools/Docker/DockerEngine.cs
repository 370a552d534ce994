namespace Build.Tools.Docker;

/// <summary>
/// The configured docker client and the engine it reaches. Which client builds, and with which builder, is
/// <see cref="BuilderChoice"/>'s question (<see cref="BuilderProbe"/>).
/// </summary>
public sealed record DockerEngine(string ClientVersion, string ServerVersion);
