namespace Build.Swarm;

/// <summary>The committed stack file and what the compose file makes of it today.</summary>
public sealed record StackDefinition(string StackPath, string? Committed, string Generated)
{
    public bool IsCurrent => Committed == Generated;

    /// <summary>Reads both files under <paramref name="repositoryRoot"/>; a broken compose file is a bad input, named.</summary>
    public static StackDefinition Read(string repositoryRoot)
    {
        var composePath = Path.Combine(repositoryRoot, StackFileGenerator.ComposeFileRelative);
        var stackPath = Path.Combine(repositoryRoot, StackFileGenerator.StackFileRelative);
        if (!File.Exists(composePath))
        {
            throw BuildErrors.BadOption(
                $"{StackFileGenerator.ComposeFileRelative} is missing: the stack file is made from it. " +
                $"Restore it from git (git checkout -- {StackFileGenerator.ComposeFileRelative}).");
        }

        string generated;
        try
        {
            generated = StackFileGenerator.Generate(File.ReadAllText(composePath));
        }
        catch (FormatException error)
        {
            throw BuildErrors.BadOption($"{StackFileGenerator.ComposeFileRelative} cannot be turned into a stack file: {error.Message}.");
        }

        return new StackDefinition(stackPath, File.Exists(stackPath) ? File.ReadAllText(stackPath) : null, generated);
    }
}
