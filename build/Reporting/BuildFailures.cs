namespace Build.Reporting;

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
