namespace Build.Stack;

/// <summary>Replicas per service, and how many of them are ready.</summary>
public sealed record ServiceHealth(string Service, int Replicas, int Healthy, int Failed);
