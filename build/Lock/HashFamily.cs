namespace Build.Lock;

/// <summary>The content-hash rules of one range of Poetry releases.</summary>
public enum HashFamily
{
    /// <summary>Poetry 0.12 – 1.1.15 (and 1.2.0a1): dependencies, dev-dependencies, source, extras; missing → null.</summary>
    Poetry11,

    /// <summary>Poetry 1.2.0a2 – 1.2.0b1: dependencies, group, source, extras; missing → null.</summary>
    Poetry12Alpha,

    /// <summary>Poetry 1.2.0b2 – 1.8.5: the 1.1 keys (null when missing) plus group when present.</summary>
    Poetry12,

    /// <summary>Poetry 2.0 – 2.2: nested form when [project] has relevant keys, else the 1.2 form.</summary>
    Poetry20,

    /// <summary>Poetry 2.3 – 2.4: as 2.0 plus [dependency-groups].</summary>
    Poetry23,
}
