namespace Build.Bootstrap;

/// <summary>A process to start: program, arguments, and the environment variables set on top of the inherited ones.</summary>
public sealed record ProcessSpec(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    public string Render() =>
        string.Join(' ', Environment.Select(pair => $"{pair.Key}={pair.Value}").Append(Program).Concat(Arguments));
}
