namespace Build.Tools.Docker.Documents;

/// <summary>A network's name: an entry of <c>GET /networks</c>, and the spec of a task's attached network.</summary>
public sealed record NetworkDocument
{
    public string? Name { get; init; }
}
