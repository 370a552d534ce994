using Build.PackageIndex;

namespace Build.Verification;

/// <summary>The package index's password as this run has it (the variable Poetry reads), for Verify to look for in the images.</summary>
public static class IndexSecretValues
{
    public static IReadOnlyDictionary<string, string> FromEnvironment(string projectDirectory, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>();
        if (PackageIndexSources.ReadProjectOrNone(projectDirectory) is { } index
            && environment(index.PasswordVariable) is { Length: > 0 } password)
        {
            values[index.PasswordVariable] = password;
        }

        return values;
    }
}
