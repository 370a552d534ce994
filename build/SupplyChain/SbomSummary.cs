namespace Build.SupplyChain;

/// <summary>
/// What the report says of an image's SBOM: its file, how many packages of each kind, how many distinct licences
/// were declared, and what changed since the previous build of the same image (null when there is none to compare).
/// </summary>
public sealed record SbomSummary(
    string File,
    int Packages,
    int DebianPackages,
    int PythonDistributions,
    int Licences,
    SbomChanges? Changes = null)
{
    /// <summary>The summary of <paramref name="document"/>; the licences are the distinct declared expressions' ids.</summary>
    public static SbomSummary Of(string file, SpdxDocument document, SpdxDocument? previous = null)
    {
        var packages = document.Packages ?? [];
        var licences = packages
            .SelectMany(package => LicenceIds(package.LicenseDeclared))
            .Distinct(StringComparer.Ordinal)
            .Count();
        return new SbomSummary(file, packages.Count, packages.Count(package => package.Kind == "deb"), packages.Count(package => package.Kind == "pypi"),
            licences, previous is null ? null : SbomChanges.Between(previous, document));
    }

    /// <summary>The licence ids of an SPDX expression: operators, parentheses and NOASSERTION/NONE left out.</summary>
    public static IEnumerable<string> LicenceIds(string? expression) =>
        (expression ?? "").Split([' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(token => token is not ("AND" or "OR" or "WITH" or "NOASSERTION" or "NONE"));
}

/// <summary>Packages added, removed, and changed in version between two SBOMs of one image (by kind and name).</summary>
public sealed record SbomChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool None => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>"name version" for added and removed packages, "name old → new" for changed ones, each sorted.</summary>
    public static SbomChanges Between(SpdxDocument previous, SpdxDocument current)
    {
        var before = Versions(previous);
        var after = Versions(current);
        return new SbomChanges(
            after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).Select(key => $"{key} {after[key]}").ToArray(),
            before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).Select(key => $"{key} {before[key]}").ToArray(),
            after.Keys.Intersect(before.Keys).Where(key => before[key] != after[key]).Order(StringComparer.Ordinal)
                .Select(key => $"{key} {before[key]} → {after[key]}").ToArray());
    }

    /// <summary>One line for the console and the HTML page: "2 added, 1 removed, 3 changed" or "no change".</summary>
    public string Describe() => None ? "no change" : $"{Added.Count} added, {Removed.Count} removed, {Changed.Count} changed";

    private static Dictionary<string, string> Versions(SpdxDocument document)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in document.Packages ?? [])
        {
            // A name in two places (one distribution in two site-packages) counts once: its first version.
            versions.TryAdd(package.Kind == "other" ? package.Name : $"{package.Kind}:{package.Name}", package.Version ?? "");
        }

        return versions;
    }
}
