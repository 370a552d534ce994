namespace Build.Context;

public static class BuildTargets
{
    public static readonly IReadOnlyList<string> ValidNames = ["development", "production"];

    /// <summary>
    /// The targets that fix the stage whatever --build-target or BUILD_TARGET say: what they build or push only
    /// makes sense at that stage.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, BuildTarget> ImpliedByTarget = new Dictionary<string, BuildTarget>(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(Tasks.Production)] = BuildTarget.Production,
        [nameof(Tasks.Push)] = BuildTarget.Production,
        // Deploy depends on Push: the swarm runs production images.
        [nameof(Tasks.Deploy)] = BuildTarget.Production,
        [nameof(Tasks.Default)] = BuildTarget.Production,
        [nameof(Tasks.Verify)] = BuildTarget.Production,
        [nameof(Tasks.Development)] = BuildTarget.Development,
    };

    public static bool TryParse(string value, out BuildTarget target)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "development":
            case "dev":
                target = BuildTarget.Development;
                return true;
            case "production":
            case "prod":
                target = BuildTarget.Production;
                return true;
            default:
                target = default;
                return false;
        }
    }
}
