namespace Build.Tools;

/// <summary>The exit code and captured lines of a finished command.</summary>
public sealed record CommandResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    public bool Succeeded => ExitCode == 0;

    public string OutputText => string.Join('\n', Output);

    public string ErrorText => string.Join('\n', Error);
}
