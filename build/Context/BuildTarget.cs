namespace Build.Context;

/// <summary>The stage of deployment/Dockerfile.* that BuildOrchestrator and BuildReducer build.</summary>
public enum BuildTarget
{
    Development,
    Production,
}

public static class BuildTargets
{
    public static readonly IReadOnlyList<string> ValidNames = ["development", "production"];

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

    /// <summary>The Dockerfile stage name, which is also what compose's BUILD_TARGET takes.</summary>
    public static string StageName(this BuildTarget target) => target == BuildTarget.Production ? "production" : "development";

    /// <summary>The flavour tag the guide uses for the stage (and the compose file's IMAGE_TAG).</summary>
    public static string FlavourTag(this BuildTarget target) => target == BuildTarget.Production ? "prod" : "dev";
}
