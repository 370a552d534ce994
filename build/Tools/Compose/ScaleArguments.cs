namespace Build.Tools.Compose;

/// <summary>Replica counts for `up --scale`.</summary>
public sealed record ScaleArguments(IReadOnlyDictionary<string, int> Replicas);
