namespace Build.Context;

/// <summary>The stage of deployment/Dockerfile.* that BuildOrchestrator and BuildReducer build.</summary>
public enum BuildTarget
{
    Development,
    Production,
}
