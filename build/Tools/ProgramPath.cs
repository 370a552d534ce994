namespace Build.Tools;

/// <summary>Where a program named without a folder is found: the one PATH lookup of the build.</summary>
public static class ProgramPath
{
    /// <summary>Every file named <paramref name="name"/> in the folders of <paramref name="path"/> (a PATH value), in order,
    /// then in <paramref name="extraFolders"/>.</summary>
    public static IEnumerable<string> Matches(string name, string? path, IEnumerable<string>? extraFolders = null) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraFolders ?? [])
            .Select(folder => Path.Combine(folder, name))
            .Where(File.Exists);

    /// <summary>The file <paramref name="program"/> runs: itself when it names a path, else the first match on PATH
    /// (the name itself when there is none).</summary>
    public static string Resolve(string program, string? path) =>
        program.Contains('/', StringComparison.Ordinal) ? program : Matches(program, path).FirstOrDefault() ?? program;
}
