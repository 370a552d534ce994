namespace Build.Swarm;

/// <summary>One node from <c>GET /nodes</c>: its name, the address its published ports answer on, and whether it is up.</summary>
public sealed record SwarmNode(string Id, string Hostname, string Address, string State, string Availability)
{
    public bool IsReady => State == "ready";
}
