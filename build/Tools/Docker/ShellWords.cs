namespace Build.Tools.Docker;

/// <summary>Words for a <c>sh -c</c> line: quoted only when the shell would otherwise read them differently.</summary>
public static class ShellWords
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or ':' or '=')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
