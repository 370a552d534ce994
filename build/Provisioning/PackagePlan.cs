namespace Build.Provisioning;

/// <summary>What is missing and which packages bring it: the one place that maps the first to the second.</summary>
public sealed record PackagePlan(IReadOnlyList<Requirement> Missing)
{
    /// <summary>The Debian packages to install, each once, in a stable order.</summary>
    public IReadOnlyList<string> Packages =>
        Missing.Select(requirement => requirement.Package).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public bool IsEmpty => Missing.Count == 0;

    /// <summary>The requirements that <paramref name="present"/> does not find.</summary>
    public static PackagePlan For(IEnumerable<Requirement> needed, Func<Requirement, bool> present) =>
        new(needed.Distinct().Where(requirement => !present(requirement)).ToArray());

    /// <summary>"dockerd (docker.io), docker-compose (docker-compose)": what a message names.</summary>
    public string DescribeMissing() => string.Join(", ", Missing.Select(requirement => $"{requirement.Name} ({requirement.Package})"));
}
