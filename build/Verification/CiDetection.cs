namespace Build.Verification;

/// <summary>Whether the build runs on a CI: CI=true (or 1), as most CI systems set, or GitHub Actions.</summary>
public static class CiDetection
{
    public static bool IsCi(string? ciVariable, bool onGitHubActions) =>
        onGitHubActions || string.Equals(ciVariable, "true", StringComparison.OrdinalIgnoreCase) || ciVariable == "1";
}
