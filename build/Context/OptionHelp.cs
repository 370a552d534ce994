namespace Build.Context;

/// <summary>The build's part of <c>--help</c>: <see cref="OptionNames.All"/> by group, two lines an option.</summary>
public static class OptionHelp
{
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
