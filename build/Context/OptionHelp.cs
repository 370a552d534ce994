namespace Build.Context;

/// <summary>The build's part of <c>--help</c>: how to start it, and <see cref="OptionNames.All"/> by group, two lines an option.</summary>
public static class OptionHelp
{
    /// <summary>The bootstrap script a user types on this system: build.ps1 on Windows, build.sh elsewhere.</summary>
    public static string Program(bool windows) => windows ? "./build.ps1" : "./build.sh";

    public static IEnumerable<string> Lines(IReadOnlyList<OptionDefinition> options)
    {
        yield return "Options of this build (each from the command line, else the environment variable named, else cake.config's";
        yield return "[Bridge] section, else the default):";
        foreach (var group in options.GroupBy(option => option.Group))
        {
            yield return string.Empty;
            yield return $"  {OptionDefinition.GroupTitle(group.Key)}:";
            foreach (var option in group)
            {
                var environment = option.EnvironmentVariable is null ? string.Empty : $"  (env {option.EnvironmentVariable})";
                yield return $"    {option.Usage}{environment}";
                yield return $"        {option.Meaning} Default: {option.Default}.";
            }
        }
    }
}
