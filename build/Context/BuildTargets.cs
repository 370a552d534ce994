using Build.Images;

namespace Build.Context;

/// <summary>The values of --build-target: a stage of <see cref="ImageTable.Stages"/>, by its name or its tag.</summary>
public static class BuildTargets
{
    public static readonly IReadOnlyList<string> ValidNames = [.. ImageTable.Stages.Select(row => row.Stage)];

    /// <summary>development or dev, production or prod (any case).</summary>
    public static bool TryParse(string value, out ImageFlavour target)
    {
        var name = value.Trim();
        var row = ImageTable.Stages.FirstOrDefault(row =>
            string.Equals(row.Stage, name, StringComparison.OrdinalIgnoreCase) || string.Equals(row.Tag, name, StringComparison.OrdinalIgnoreCase));
        target = row?.Flavour ?? default;
        return row is not null;
    }
}
