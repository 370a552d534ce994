namespace Build.Images;

/// <summary>What a real run does with one image.</summary>
public enum FreshnessVerdict
{
    /// <summary>Run `docker build`.</summary>
    Build,

    /// <summary>The image under the primary tag was built from these very inputs, and carries every tag.</summary>
    UpToDate,

    /// <summary>Up to date, but some of the spec's tags are missing: `docker tag` them from the primary.</summary>
    Retag,
}
