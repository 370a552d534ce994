namespace Build.Reporting;

/// <summary>
/// A failure the build can point at: the file (relative to the repository root) and line to blame, when known.
/// Under GitHub Actions it becomes an <c>::error file=…,line=…::</c> annotation on that file; in the build report it
/// is the <c>failure</c> object. Attach one to the exception that fails the task with <see cref="BuildFailures.At"/>.
/// </summary>
public sealed record BuildFailure(string? File, int? Line, string Message)
{
    /// <summary>The failure an exception carries, or one with no file made from its message.</summary>
    public static BuildFailure From(Exception exception)
    {
        var file = exception.Data[BuildFailures.FileKey] as string;
        var line = exception.Data[BuildFailures.LineKey] as int?;
        return new BuildFailure(file, line, exception.Message);
    }
}

public static class BuildFailures
{
    public const string FileKey = "Build.Reporting.File";
    public const string LineKey = "Build.Reporting.Line";

    /// <summary>Marks the file (and line) that caused <paramref name="exception"/>; returns it for <c>throw</c>.</summary>
    public static TException At<TException>(this TException exception, string file, int? line = null)
        where TException : Exception
    {
        exception.Data[FileKey] = file;
        if (line is { } number)
        {
            exception.Data[LineKey] = number;
        }

        return exception;
    }

    /// <summary>The 1-based line of the first line of a text file containing <paramref name="text"/>, or null.</summary>
    public static int? LineOf(string path, string text)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        var number = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            number++;
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return number;
            }
        }

        return null;
    }
}
