namespace Build.Images;

/// <summary>The decision for one image, with the reason the log shows.</summary>
public sealed record Freshness(FreshnessVerdict Verdict, string Reason, IReadOnlyList<string> MissingReferences)
{
    public bool Skips => Verdict != FreshnessVerdict.Build;
}

