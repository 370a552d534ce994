namespace Build.Reporting;

/// <summary>The engine the run used: its DOCKER_HOST value, version and where it was found (DOCKER_HOST, context, default socket, project engine).</summary>
public sealed record EngineEntry(string Endpoint, string Version, string Source);
