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
