namespace Build.Tools.Docker;

/// <summary>The engine's answer to an inspect: its JSON document, or "no such object".</summary>
public sealed record EngineAnswer(string? Json)
{
    public static readonly EngineAnswer NotFound = new((string?)null);

    public bool Found => Json is not null;
}
