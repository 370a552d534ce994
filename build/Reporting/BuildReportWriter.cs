using System.Text.Json;
using System.Text.Json.Serialization;

namespace Build.Reporting;

/// <summary>Writes the report as JSON (camelCase, indented), through a temp file and a rename.</summary>
public static class BuildReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(BuildReportDocument report) => JsonSerializer.Serialize(report, Json);

    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="path"/> atomically: a reader sees the old report or the new
    /// one, never half of one, and a crash leaves no partial file behind under the final name.
    /// </summary>
    public static void Write(string path, BuildReportDocument report)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, Serialize(report) + "\n");
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
