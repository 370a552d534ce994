namespace Build.Swarm;

/// <summary>What the engine says about its place in a swarm (<c>GET /info</c>, <c>Swarm</c>).</summary>
/// <param name="LocalNodeState">inactive, pending, active, error or locked.</param>
/// <param name="IsManager">ControlAvailable: this engine can answer for the whole swarm.</param>
/// <param name="SystemTime">The engine's clock, so update states can be told apart from older ones.</param>
public sealed record SwarmState(string LocalNodeState, bool IsManager, string NodeAddress, string Error, DateTimeOffset SystemTime);
