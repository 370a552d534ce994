namespace Build.Reporting;

/// <summary>
/// A failure the build can point at: the file (relative to the repository root) and line to blame, when known.
/// Under GitHub Actions it becomes an <c>::error file=…,line=…::</c> annotation on that file; in the build report it
/// is the <c>failure</c> object. Attach one to the exception that fails the task with <see cref="BuildFailures.At"/>.
/// </summary>
/// <param name="ToolMessage">The last lines the failing tool printed (its own words for the cause), when known.</param>
public sealed record BuildFailure(string? File, int? Line, string Message, string? ToolMessage = null)
{
    /// <summary>The failure an exception carries (or its inner exception, for a failure wrapped on its way up).</summary>
    public static BuildFailure From(Exception exception)
    {
        var marked = Marked(exception);
        var file = marked.Data[BuildFailures.FileKey] as string;
        var line = marked.Data[BuildFailures.LineKey] as int?;
        var tool = marked.Data[BuildFailures.ToolMessageKey] as string;
        return new BuildFailure(file, line, exception.Message, string.IsNullOrWhiteSpace(tool) ? null : tool);
    }

    /// <summary>The exception that knows the file: this one, or the first inner one marked with <see cref="BuildFailures.At"/>.</summary>
    private static Exception Marked(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current.Data.Contains(BuildFailures.FileKey))
            {
                return current;
            }
        }

        return exception;
    }
}

public static class BuildFailures
{
    public const string FileKey = "Build.Reporting.File";
    public const string LineKey = "Build.Reporting.Line";
    public const string ToolMessageKey = "Build.Reporting.ToolMessage";

    /// <summary>Attaches what the failing tool printed (its last lines); returns the exception for <c>throw</c>.</summary>
    public static TException WithToolMessage<TException>(this TException exception, string message)
        where TException : Exception
    {
        exception.Data[ToolMessageKey] = message;
        return exception;
    }

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
