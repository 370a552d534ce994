using System.Text.Json;

namespace Build.Reporting;

/// <summary>
/// Writes the report as JSON (camelCase, indented) and, beside it, the same report drawn as HTML (same name,
/// <c>.html</c>), each through a temp file and a rename.
/// </summary>
public static class BuildReportWriter
{
    public static string Serialize(BuildReportDocument report) => JsonSerializer.Serialize(report, BuildReportJson.Default.BuildReportDocument);

    /// <summary>The HTML report's path: the JSON's with <c>.html</c> (appended when the JSON's path already ends so).</summary>
    public static string HtmlPath(string jsonPath) =>
        string.Equals(Path.GetExtension(jsonPath), ".html", StringComparison.OrdinalIgnoreCase) ? jsonPath + ".html" : Path.ChangeExtension(jsonPath, ".html");

    /// <summary>Writes <paramref name="report"/> as JSON to <paramref name="path"/> and as HTML to <see cref="HtmlPath"/>.</summary>
    public static void Write(string path, BuildReportDocument report)
    {
        WriteAtomically(path, Serialize(report) + "\n");
        WriteAtomically(HtmlPath(path), HtmlReport.Render(report));
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> atomically: a reader sees the old file or the new
    /// one, never half of one, and a crash leaves no partial file behind under the final name.
    /// </summary>
    private static void WriteAtomically(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
